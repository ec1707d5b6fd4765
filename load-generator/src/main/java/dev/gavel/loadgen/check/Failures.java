package dev.gavel.loadgen.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the system under test got wrong during a run: lost, repeated, out-of-order or unreadable messages. Any entry
 * fails the run. Thread-safe; keeps every count but only the first few examples of each kind.
 */
public final class Failures {

    private static final int EXAMPLES_PER_KIND = 5;

    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, List<String>> examples = new TreeMap<>();

    public synchronized void add(String kind, String example) {
        counts.merge(kind, 1L, Long::sum);
        List<String> kept = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (kept.size() < EXAMPLES_PER_KIND) {
            kept.add(example);
        }
    }

    public synchronized boolean isEmpty() {
        return counts.isEmpty();
    }

    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line per kind: the count and the first examples. */
    public synchronized String summary() {
        StringBuilder text = new StringBuilder();
        counts.forEach((kind, count) -> {
            text.append(kind).append(": ").append(count);
            text.append(" (e.g. ").append(String.join("; ", examples.get(kind))).append(")\n");
        });
        return text.toString().strip();
    }

    /** @throws RunFailure if anything went wrong */
    public void throwIfAny(String scenario) {
        if (!isEmpty()) {
            throw new RunFailure(scenario + ": the system under test lost or mangled messages; no figures are"
                    + " reported for this run.\n" + summary());
        }
    }
}
