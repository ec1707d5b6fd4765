package dev.gavel.events;

/** Why the processor refused a command. Part of the public contract: add, never rename. */
public enum RejectionReason {
    AUCTION_NOT_FOUND,
    AUCTION_ENDED,
    BID_TOO_LOW,
    SELF_BID,
    ALREADY_LEADING,
    INVALID_AMOUNT,
    INVALID_AUCTION,
    AUCTION_EXISTS,
    BUY_NOW_UNAVAILABLE,
    NOT_SELLER,
    BIDS_PLACED,
    /** The command id was already used for a different command. */
    DUPLICATE_COMMAND_ID,
    /** A moderator's action from someone whose role does not allow it. */
    NOT_MODERATOR,
    /** A moderator's action without an action, or a removal without the user to remove. */
    INVALID_MODERATION,
    /** A bid or buy-now from a user a moderator removed from this auction. */
    BIDDER_REMOVED,
    /** The user to remove leads the auction: their bids cannot be voided, so a moderator cancels or ends it instead. */
    BIDDER_LEADS,
    SHOW_NOT_FOUND,
    SHOW_EXISTS,
    /** A show command only its host may give. */
    NOT_HOST,
    /** A lot run before the show went live. */
    SHOW_NOT_LIVE,
    SHOW_ENDED,
    /** A show without a title or with a field out of bounds. */
    INVALID_SHOW,
    /** No such lot in this show's lineup (never added, removed, or of another show). */
    LOT_NOT_FOUND,
    /** A lot, or a run of it, with a field out of bounds, or a move to a place the lineup does not have. */
    INVALID_LOT,
    /** The lot runs or has sold: it cannot be run, removed or pre-bid on now. */
    LOT_NOT_AVAILABLE,
    /** Another lot of the show is running: one runs at a time. */
    LOT_RUNNING,
    /** The lineup, or a lot's pre-bids, are at their limit. */
    LINEUP_FULL
}
