package dev.gavel.loadgen.check;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks that one subscriber sees every auction's events in order, each exactly once: after a snapshot at seq
 * {@code n}, the next event must be {@code n + 1}, and so on. Not thread-safe: one per connection, fed in the order the
 * connection received its messages.
 */
public final class SeqChecker {

    private final String subscriber;
    private final Failures failures;
    private final Map<String, Long> last = new HashMap<>();

    public SeqChecker(String subscriber, Failures failures) {
        this.subscriber = subscriber;
        this.failures = failures;
    }

    /** The snapshot a subscription starts from. */
    public void snapshot(String auctionId, long seq) {
        if (last.putIfAbsent(auctionId, seq) != null) {
            failures.add("repeated snapshot", subscriber + " got a second snapshot of " + auctionId);
        }
    }

    /**
     * A snapshot the gateway sent in place of events this subscriber had not read yet (conflation): it may skip
     * events, never go back.
     *
     * @return true if it moves the subscriber forward
     */
    public boolean resync(String auctionId, long seq) {
        return forward("resync", auctionId, seq, true);
    }

    /**
     * The latest state of an auction, to a subscriber of the latest state only: it may skip events, and it is sent
     * only when there is something new, so it never stays at the same seq or goes back.
     *
     * @return true if it moves the subscriber forward
     */
    public boolean state(String auctionId, long seq) {
        return forward("state", auctionId, seq, false);
    }

    private boolean forward(String what, String auctionId, long seq, boolean mayRepeat) {
        Long previous = last.get(auctionId);
        if (previous == null) {
            failures.add(
                    "event before snapshot",
                    subscriber + " got a " + what + " at seq " + seq + " of " + auctionId + " before its snapshot");
            return false;
        }
        if (seq < previous || (seq == previous && !mayRepeat)) {
            failures.add(
                    "stale " + what,
                    subscriber + " got a " + what + " at seq " + seq + " of " + auctionId + " after " + previous);
            return false;
        }
        last.put(auctionId, seq);
        return true;
    }

    /**
     * An event of a subscribed auction.
     *
     * @return true if it is the next one expected
     */
    public boolean event(String auctionId, long seq) {
        Long previous = last.get(auctionId);
        if (previous == null) {
            failures.add(
                    "event before snapshot",
                    subscriber + " got seq " + seq + " of " + auctionId + " before its snapshot");
            return false;
        }
        if (seq == previous + 1) {
            last.put(auctionId, seq);
            return true;
        }
        if (seq <= previous) {
            failures.add("duplicate seq", subscriber + " got seq " + seq + " of " + auctionId + " after " + previous);
        } else {
            failures.add(
                    "gap in seq", subscriber + " got seq " + seq + " of " + auctionId + " right after " + previous);
            last.put(auctionId, seq);
        }
        return false;
    }

    /** The last seq seen of an auction, or -1 if none. */
    public long lastSeq(String auctionId) {
        return last.getOrDefault(auctionId, -1L);
    }
}
