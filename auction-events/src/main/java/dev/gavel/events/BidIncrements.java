package dev.gavel.events;

import java.util.List;
import java.util.Objects;

/**
 * The bid increment table: from a current price upwards, the next bid must be at least this much higher. Steps are
 * ordered by their threshold; the first step starts at 0. Part of the contract because clients bid by it: the
 * processor decides with it, and {@link #DEFAULT} is the table the protocol documents.
 */
public final class BidIncrements {

    /** From {@code fromCents} upwards, bids rise by at least {@code incrementCents}. */
    public record Step(long fromCents, long incrementCents) {
        public Step {
            if (fromCents < 0 || incrementCents <= 0) {
                throw new IllegalArgumentException("an increment step needs a price >= 0 and an increment > 0, got "
                        + fromCents + " -> " + incrementCents);
            }
        }
    }

    /** Under 1.00: 0.05; from 1: 1; 30: 2; 50: 3; 100: 5; 300: 10; 1,000: 20; 2,000 and up: 50. */
    public static final BidIncrements DEFAULT = new BidIncrements(List.of(
            new Step(0, 5),
            new Step(100, 100),
            new Step(3_000, 200),
            new Step(5_000, 300),
            new Step(10_000, 500),
            new Step(30_000, 1_000),
            new Step(100_000, 2_000),
            new Step(200_000, 5_000)));

    private final long[] from;
    private final long[] increment;

    public BidIncrements(List<Step> steps) {
        Objects.requireNonNull(steps, "steps");
        if (steps.isEmpty() || steps.get(0).fromCents() != 0) {
            throw new IllegalArgumentException("the increment table must start at a price of 0");
        }
        from = new long[steps.size()];
        increment = new long[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (i > 0 && step.fromCents() <= from[i - 1]) {
                throw new IllegalArgumentException("increment steps must be in increasing order of price, but "
                        + step.fromCents() + " follows " + from[i - 1]);
            }
            from[i] = step.fromCents();
            increment[i] = step.incrementCents();
        }
    }

    /** The increment that applies at {@code priceCents}. */
    public long at(long priceCents) {
        int i = from.length - 1;
        while (i > 0 && from[i] > priceCents) {
            i--;
        }
        return increment[i];
    }
}
