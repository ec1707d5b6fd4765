package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the end of an auction behaves when bids arrive in its last seconds. */
public enum AuctionMode {
    /** A late bid resets the time left to the soft-close window (a counter-bid timer). */
    @JsonProperty("standard")
    STANDARD,
    /** The end never moves: the last bid in time wins. */
    @JsonProperty("sudden-death")
    SUDDEN_DEATH
}
