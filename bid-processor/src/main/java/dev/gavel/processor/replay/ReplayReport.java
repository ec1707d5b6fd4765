package dev.gavel.processor.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay found.
 *
 * @param compared how many records of each kind were compared
 * @param differences records that differ: always a failure
 * @param lengthMismatches auctions whose histories have different lengths: a failure when strict
 */
public record ReplayReport(
        Map<String, Long> compared, List<String> differences, List<String> lengthMismatches, boolean strict) {

    static final int MAX_LISTED = 20;

    public boolean identical() {
        return differences.isEmpty() && (!strict || lengthMismatches.isEmpty());
    }

    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(identical() ? "Replay identical" : "Replay DIFFERS")
                .append(": compared ")
                .append(compared)
                .append(", ")
                .append(differences.size())
                .append(" differences, ")
                .append(lengthMismatches.size())
                .append(" histories of different length")
                .append(strict ? "" : " (allowed: the live system may be ahead or behind)");
        differences.stream()
                .limit(MAX_LISTED)
                .forEach(d -> text.append("\n  differs: ").append(d));
        lengthMismatches.stream()
                .limit(MAX_LISTED)
                .forEach(d -> text.append("\n  length: ").append(d));
        return text.toString();
    }

    static final class Builder {
        private final boolean strict;
        private final Map<String, Long> compared = new TreeMap<>();
        private final List<String> differences = new ArrayList<>();
        private final List<String> lengthMismatches = new ArrayList<>();

        Builder(boolean strict) {
            this.strict = strict;
        }

        void compared(String kind, long count) {
            compared.merge(kind, count, Long::sum);
        }

        void difference(String description) {
            differences.add(description);
        }

        void lengthMismatch(String description) {
            lengthMismatches.add(description);
        }

        ReplayReport build() {
            return new ReplayReport(
                    Map.copyOf(compared), List.copyOf(differences), List.copyOf(lengthMismatches), strict);
        }
    }
}
