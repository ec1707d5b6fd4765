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
    BIDDER_LEADS
}
