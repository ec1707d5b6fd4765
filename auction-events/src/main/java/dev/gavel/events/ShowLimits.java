package dev.gavel.events;

/** The bounds the processor accepts for shows and their lineups; the gateway checks the same ones before producing. */
public final class ShowLimits {

    /** Lots a lineup may hold, sold ones included: a long show runs a few hundred. */
    public static final int MAX_LOTS = 500;

    /** Pre-bids one lot may hold (one per bidder). */
    public static final int MAX_PRE_BIDS_PER_LOT = 10_000;

    private ShowLimits() {}
}
