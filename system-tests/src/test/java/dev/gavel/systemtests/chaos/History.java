package dev.gavel.systemtests.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the clients of a chaos run did and saw: every command with its outcome as the client learned it, every
 * message of an auction's stream each client was shown, and every fault injected. The audit holds it against the
 * committed logs.
 */
final class History {

    enum Result {
        ACCEPTED,
        REJECTED,
        /** No decision reached the client: unavailable, timed out, or the connection died, and retries ran out. */
        UNKNOWN
    }

    /**
     * One command as its client knows it, about an auction or a show ({@code subject}). {@code commandId} is derived
     * from the bid id for bids and pre-bids; creates are known by the id the gateway answered with, a host's show
     * commands by the show event that recorded them ({@code recordedSeq}, when accepted).
     */
    record Command(
            String kind,
            String commandId,
            String subject,
            String userId,
            Result result,
            String reason,
            String detail,
            int attempts,
            long sentNanos,
            long decidedNanos,
            Long recordedSeq) {}

    /**
     * A message of an auction's stream as one client received it: an event, or a snapshot; with the wall-clock time
     * it arrived, to hold against the times the server wrote into it.
     */
    record Seen(String client, String auctionId, long seq, boolean snapshot, JsonNode message, long arrivedAtMillis) {}

    /**
     * A message of a show's stream as one client received it: a {@code show-snapshot} or a {@code show-updated}; with
     * the number of the client's connection it came on (a new one after every reconnection).
     */
    record SeenShow(String client, String showId, long seq, boolean snapshot, JsonNode message, int connection) {}

    /** A fault: what, on which process, when (monotonic, for durations; wall clock, for auctions' end times). */
    record Fault(String kind, String target, long atNanos, long atMillis) {

        static Fault now(String kind, String target) {
            return new Fault(kind, target, System.nanoTime(), System.currentTimeMillis());
        }
    }

    private final List<Command> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<SeenShow> seenShows = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());

    void command(Command command) {
        commands.add(command);
    }

    void seen(Seen message) {
        seen.add(message);
    }

    void seen(SeenShow message) {
        seenShows.add(message);
    }

    void fault(Fault fault) {
        faults.add(fault);
    }

    List<Command> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    List<SeenShow> seenShows() {
        synchronized (seenShows) {
            return List.copyOf(seenShows);
        }
    }

    List<Fault> faults() {
        synchronized (faults) {
            return List.copyOf(faults);
        }
    }

    /**
     * How long the system took to decide again after a fault: the longest any command sent within a second of the
     * fault waited for its decision (retries included), counted from the fault. When the clients were all busy
     * waiting then, the first commands they sent after the fault. -1 if none was decided.
     */
    long recoveryMillis(Fault fault) {
        long window = 1_000_000_000L;
        List<Command> after = commands().stream()
                .filter(c -> c.result() != Result.UNKNOWN && c.sentNanos() >= fault.atNanos())
                .sorted(Comparator.comparingLong(Command::sentNanos))
                .toList();
        List<Command> soon = after.stream()
                .filter(c -> c.sentNanos() < fault.atNanos() + window)
                .toList();
        return (soon.isEmpty() ? after.stream().limit(5).toList() : soon)
                .stream()
                        .mapToLong(c -> (c.decidedNanos() - fault.atNanos()) / 1_000_000)
                        .max()
                        .orElse(-1);
    }
}
