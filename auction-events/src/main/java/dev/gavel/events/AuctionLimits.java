package dev.gavel.events;

import java.time.Duration;

/** The bounds the processor accepts for a new auction; the gateway checks the same ones before producing. */
public final class AuctionLimits {

    public static final int TITLE_MAX_LENGTH = 200;
    public static final int DESCRIPTION_MAX_LENGTH = 5_000;

    /** 0.01 */
    public static final long MIN_PRICE_CENTS = 1;
    /** 1,000,000,000.00 */
    public static final long MAX_PRICE_CENTS = 100_000_000_000L;

    public static final Duration MIN_DURATION = Duration.ofSeconds(5);
    public static final Duration MAX_DURATION = Duration.ofDays(7);

    public static final Duration DEFAULT_SOFT_CLOSE = Duration.ofSeconds(10);
    /** A soft-close window is 0 (none) or at least this long. */
    public static final Duration MIN_SOFT_CLOSE = Duration.ofSeconds(1);

    public static final Duration MAX_SOFT_CLOSE = Duration.ofMinutes(10);
    public static final Duration MAX_EXTENSION = Duration.ofDays(7);

    private AuctionLimits() {}
}
