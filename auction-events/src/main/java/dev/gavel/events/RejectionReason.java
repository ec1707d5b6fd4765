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
    DUPLICATE_COMMAND_ID
}
