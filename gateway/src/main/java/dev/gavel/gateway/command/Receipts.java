package dev.gavel.gateway.command;

import java.time.Clock;
import java.time.Instant;
import java.util.TreeMap;

/**
 * The receipt times of this instance's commands, and how far its part of the log is complete: every command received
 * before {@link #watermark()} has been written to the log (or failed, and its client was told). The processor closes
 * an auction once every gateway's watermark has passed its end (ADR 13), so the promise must hold whatever the
 * producer does: only acknowledged writes move the watermark, never the order in which the producer sends.
 *
 * <p>Times are handed out under the same lock that reads the watermark, and never go back: a command received after a
 * watermark was read cannot have an earlier receipt time.
 */
public final class Receipts {

    private final Clock clock;
    private final TreeMap<Long, Integer> unwritten = new TreeMap<>();
    private long last;

    public Receipts(Clock clock) {
        this.clock = clock;
    }

    /** The receipt time of a command received now; {@link #settled} must follow, once it is written or abandoned. */
    public synchronized Instant receive() {
        long now = now();
        unwritten.merge(now, 1, Integer::sum);
        return Instant.ofEpochMilli(now);
    }

    /** The command received at {@code receivedAt} is in the log, or will never be. */
    public synchronized void settled(Instant receivedAt) {
        unwritten.computeIfPresent(receivedAt.toEpochMilli(), (time, count) -> count == 1 ? null : count - 1);
    }

    /** Every command received before this time is settled. */
    public synchronized Instant watermark() {
        long now = now();
        return Instant.ofEpochMilli(unwritten.isEmpty() ? now : unwritten.firstKey());
    }

    private long now() {
        last = Math.max(last, clock.millis());
        return last;
    }
}
