package dev.gavel.loadgen.metrics;

import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate schedule: operation {@code i} is intended at {@code start + i / rate}. The times come from the
 * schedule, not from when the previous operation went out, so a sender that falls behind catches up at once and
 * every operation's latency is measured from its intended time.
 */
public final class Pacer {

    private final long startNanos;
    private final double intervalNanos;

    public Pacer(long startNanos, double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive, got " + perSecond);
        }
        this.startNanos = startNanos;
        this.intervalNanos = 1e9 / perSecond;
    }

    public long startNanos() {
        return startNanos;
    }

    /** When operation {@code index} (from 0) should start. */
    public long intendedNanos(long index) {
        return startNanos + (long) (index * intervalNanos);
    }

    /** How many operations are due by {@code nanos}. */
    public long dueBy(long nanos) {
        if (nanos - startNanos < 0) {
            return 0;
        }
        return (long) Math.floor((nanos - startNanos) / intervalNanos) + 1;
    }

    /** Waits until operation {@code index} is due and returns its intended time. */
    public long awaitTurn(long index) {
        long intended = intendedNanos(index);
        long wait;
        while ((wait = intended - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return intended;
    }
}
