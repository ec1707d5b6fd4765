package dev.gavel.gateway.protocol;

import dev.gavel.events.AuctionLimits;
import dev.gavel.events.Money;
import dev.gavel.events.Validation;
import java.math.BigDecimal;

/** Client amounts are exact decimals in major units; inside they are cents. */
public final class Amounts {

    private static final BigDecimal MAX = Money.toDecimal(AuctionLimits.MAX_PRICE_CENTS);

    private Amounts() {}

    public static BigDecimal decimal(Long cents) {
        return cents == null ? null : Money.toDecimal(cents);
    }

    /**
     * The cents of a client amount.
     *
     * @throws InvalidAmountException if it is not positive, has more than two decimals or is above the maximum
     */
    public static Long cents(BigDecimal amount, String field) {
        if (amount == null) {
            return null;
        }
        if (amount.signum() <= 0) {
            throw new InvalidAmountException(field + " must be positive");
        }
        if (amount.compareTo(MAX) > 0) {
            throw new InvalidAmountException(
                    field + " must be at most " + Validation.format(AuctionLimits.MAX_PRICE_CENTS));
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidAmountException(field + " must have at most 2 decimals");
        }
        return Money.toCents(amount);
    }

    /** An amount a client sent that no auction could accept. */
    public static class InvalidAmountException extends RuntimeException {
        public InvalidAmountException(String message) {
            super(message, null, false, false);
        }
    }
}
