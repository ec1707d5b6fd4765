package dev.gavel.gateway.protocol;

/** The codes of {@code error} messages and of REST problem details. */
public enum ErrorCode {
    /** Not JSON, not an object, unknown type or field, wrong type, duplicate field, too deep, trailing data. */
    INVALID_MESSAGE,
    /** The frame is larger than the gateway accepts. */
    MESSAGE_TOO_LARGE,
    /** Only signed-in users may do this. */
    UNAUTHORIZED,
    /** The user's roles do not allow this: selling without the seller role, moderating without a moderating one. */
    FORBIDDEN,
    /** The seller has as many open auctions as one seller may have. */
    TOO_MANY_OPEN_AUCTIONS,
    /** The token has expired: the session may still watch, but not bid or create. */
    TOKEN_EXPIRED,
    /** Too many commands: slow down. */
    RATE_LIMITED,
    /** The auction is not known to the gateway. */
    AUCTION_NOT_FOUND,
    /** The auction fields are out of bounds. */
    INVALID_AUCTION,
    INVALID_SHOW,
    INVALID_LOT,
    SHOW_NOT_FOUND,
    /** Kafka could not be reached: the command may not have been recorded. Retry with the same bidId to be safe. */
    UNAVAILABLE,
    /** No outcome arrived in time: the command was recorded and will still be decided. */
    TIMEOUT
}
