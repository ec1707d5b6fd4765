package dev.gavel.events;

import java.math.BigDecimal;

/**
 * Amounts are kept as integer minor units (cents) everywhere inside Gavel; clients see major units with at most two
 * decimals. These are the only two conversions.
 */
public final class Money {

    private static final int SCALE = 2;

    private Money() {}

    /** {@code 12345} becomes {@code 123.45}; {@code 15000} becomes {@code 150}. */
    public static BigDecimal toDecimal(long cents) {
        BigDecimal value = BigDecimal.valueOf(cents, SCALE);
        return cents % 100 == 0 ? value.setScale(0) : value.stripTrailingZeros();
    }

    /**
     * The exact number of cents in {@code amount}.
     *
     * @throws ArithmeticException if it has more than two decimals or does not fit in a long
     */
    public static long toCents(BigDecimal amount) {
        return amount.movePointRight(SCALE).stripTrailingZeros().longValueExact();
    }
}
