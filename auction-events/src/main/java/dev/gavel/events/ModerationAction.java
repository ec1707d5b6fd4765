package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a moderator does to a running auction. Part of the public contract: add, never rename. */
public enum ModerationAction {
    /** Ends the auction now, as its close would: the leader wins if the reserve is met. */
    @JsonProperty("end")
    END,
    /** Cancels the auction now, bids or not: no winner. */
    @JsonProperty("cancel")
    CANCEL,
    /** Refuses the user's further bids on this auction. */
    @JsonProperty("remove-bidder")
    REMOVE_BIDDER
}
