package dev.gavel.systemtests.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timing figures of a chaos run: how long each kind of fault kept commands from being decided, and how late the
 * clients learned that an auction had ended, for auctions whose end fell near a fault and for the others.
 */
final class Figures {

    /** An auction's end is "near" a fault when it falls from this long before the fault... */
    static final long NEAR_BEFORE_MILLIS = 1_000;

    /** ...to this long after it. */
    static final long NEAR_AFTER_MILLIS = 5_000;

    /** Nearest-rank statistics of a sample, in milliseconds. */
    record Spread(int count, long min, long p50, long p99, long max) {

        static Spread of(List<Long> values) {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return new Spread(0, -1, -1, -1, -1);
            }
            return new Spread(sorted.length, sorted[0], rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1]);
        }

        private static long rank(long[] sorted, int percentile) {
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)];
        }

        String cells() {
            return count == 0 ? "- | - | - | -" : min + " | " + p50 + " | " + p99 + " | " + max;
        }
    }

    /** When one auction ended, and how late the last of its clients learned it. */
    record Ending(String auctionId, long endedAtMillis, long latenessMillis) {}

    private final History history;

    Figures(History history) {
        this.history = history;
    }

    /** Time to recover per kind of fault, in the order the kinds were first injected. */
    Map<String, Spread> recoveryByKind() {
        Map<String, List<Long>> byKind = new LinkedHashMap<>();
        for (History.Fault fault : history.faults()) {
            long millis = history.recoveryMillis(fault);
            List<Long> values = byKind.computeIfAbsent(fault.kind(), kind -> new ArrayList<>());
            if (millis >= 0) {
                values.add(millis);
            }
        }
        Map<String, Spread> spreads = new LinkedHashMap<>();
        byKind.forEach((kind, values) -> spreads.put(kind, Spread.of(values)));
        return spreads;
    }

    /**
     * Every auction some client saw end: its end time ({@code endedAt} of its {@code auction-ended}) and how long after
     * it the last client that followed the auction learned the end, from the ending itself or from a snapshot that
     * showed the auction closed (a client that was reconnecting then).
     */
    List<Ending> endings() {
        Map<String, Long> endedAt = new HashMap<>();
        Map<List<String>, Long> learned = new HashMap<>();
        for (History.Seen seen : history.seen()) {
            boolean endingEvent = !seen.snapshot()
                    && "auction-ended".equals(seen.message().path("type").asString());
            if (endingEvent) {
                endedAt.putIfAbsent(
                        seen.auctionId(), seen.message().path("endedAt").asLong());
            }
            boolean closedSnapshot = seen.snapshot()
                    && !"OPEN"
                            .equals(seen.message()
                                    .path("auction")
                                    .path("status")
                                    .asString());
            if (endingEvent || closedSnapshot) {
                learned.merge(List.of(seen.client(), seen.auctionId()), seen.arrivedAtMillis(), Math::min);
            }
        }
        Map<String, Long> lastLearned = new HashMap<>();
        learned.forEach((clientAndAuction, at) -> lastLearned.merge(clientAndAuction.get(1), at, Math::max));
        List<Ending> endings = new ArrayList<>();
        endedAt.forEach((auctionId, end) -> endings.add(new Ending(auctionId, end, lastLearned.get(auctionId) - end)));
        return endings;
    }

    boolean nearAFault(Ending ending) {
        return history.faults().stream()
                .anyMatch(fault -> ending.endedAtMillis() >= fault.atMillis() - NEAR_BEFORE_MILLIS
                        && ending.endedAtMillis() <= fault.atMillis() + NEAR_AFTER_MILLIS);
    }

    Spread lateness(boolean nearAFault) {
        return Spread.of(endings().stream()
                .filter(ending -> nearAFault(ending) == nearAFault)
                .map(Ending::latenessMillis)
                .toList());
    }

    /** The figures as Markdown tables. */
    String markdown() {
        StringBuilder text = new StringBuilder();
        text.append("| fault | injected | time to recover (ms): min | p50 | p99 | max |\n|---|---|---|---|---|---|\n");
        recoveryByKind()
                .forEach((kind, spread) -> text.append("| ")
                        .append(kind)
                        .append(" | ")
                        .append(history.faults().stream()
                                .filter(f -> f.kind().equals(kind))
                                .count())
                        .append(" | ")
                        .append(spread.cells())
                        .append(" |\n"));
        text.append("\n| auctions | count | `auction-ended` at the last client, after `endedAt` (ms): min | p50 | p99"
                        + " | max |\n")
                .append("|---|---|---|---|---|---|\n");
        Spread near = lateness(true);
        Spread others = lateness(false);
        text.append("| ended from ")
                .append(NEAR_BEFORE_MILLIS / 1000)
                .append(" s before to ")
                .append(NEAR_AFTER_MILLIS / 1000)
                .append(" s after a fault | ")
                .append(near.count())
                .append(" | ")
                .append(near.cells())
                .append(" |\n");
        text.append("| the others | ")
                .append(others.count())
                .append(" | ")
                .append(others.cells())
                .append(" |\n");
        return text.toString();
    }
}
