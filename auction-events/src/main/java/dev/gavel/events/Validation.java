package dev.gavel.events;

import static dev.gavel.events.AuctionLimits.DESCRIPTION_MAX_LENGTH;
import static dev.gavel.events.AuctionLimits.MAX_DURATION;
import static dev.gavel.events.AuctionLimits.MAX_EXTENSION;
import static dev.gavel.events.AuctionLimits.MAX_PRICE_CENTS;
import static dev.gavel.events.AuctionLimits.MAX_SOFT_CLOSE;
import static dev.gavel.events.AuctionLimits.MIN_DURATION;
import static dev.gavel.events.AuctionLimits.MIN_PRICE_CENTS;
import static dev.gavel.events.AuctionLimits.MIN_SOFT_CLOSE;
import static dev.gavel.events.AuctionLimits.TITLE_MAX_LENGTH;

import dev.gavel.events.AuctionCommand.CreateAuction;

/**
 * The checks of the contract's bounds. The processor applies them to every command; the gateway applies them before
 * producing, so that bad input gets an answer at once and never reaches the log. Each problem names the field and the
 * bound, in the client protocol's field names.
 */
public final class Validation {

    private Validation() {}

    /** The first problem with {@code create}, or null if it is a valid auction. */
    public static String problemWithAuction(CreateAuction create) {
        String title = create.title();
        if (title == null || title.isBlank()) {
            return "title is required";
        }
        if (title.codePointCount(0, title.length()) > TITLE_MAX_LENGTH) {
            return "title must be at most " + TITLE_MAX_LENGTH + " characters";
        }
        String description = create.description();
        if (description != null && description.codePointCount(0, description.length()) > DESCRIPTION_MAX_LENGTH) {
            return "description must be at most " + DESCRIPTION_MAX_LENGTH + " characters";
        }
        if (!inPriceRange(create.startingPriceCents())) {
            return "startingPrice must be between " + format(MIN_PRICE_CENTS) + " and " + format(MAX_PRICE_CENTS);
        }
        if (create.durationMs() < MIN_DURATION.toMillis() || create.durationMs() > MAX_DURATION.toMillis()) {
            return "durationMs must be between " + MIN_DURATION.toMillis() + " (5 s) and " + MAX_DURATION.toMillis()
                    + " (7 days)";
        }
        Long reserve = create.reservePriceCents();
        if (reserve != null && (reserve < create.startingPriceCents() || reserve > MAX_PRICE_CENTS)) {
            return "reservePrice must be at least startingPrice and at most " + format(MAX_PRICE_CENTS);
        }
        Long buyNow = create.buyNowPriceCents();
        if (buyNow != null && (buyNow <= create.startingPriceCents() || buyNow > MAX_PRICE_CENTS)) {
            return "buyNowPrice must be above startingPrice and at most " + format(MAX_PRICE_CENTS);
        }
        if (buyNow != null && reserve != null && buyNow < reserve) {
            return "buyNowPrice must be at least reservePrice";
        }
        Long softClose = create.softCloseMs();
        if (softClose != null && softClose != 0) {
            if (create.mode() == AuctionMode.SUDDEN_DEATH) {
                return "softCloseMs does not apply to sudden-death auctions";
            }
            if (softClose < MIN_SOFT_CLOSE.toMillis() || softClose > MAX_SOFT_CLOSE.toMillis()) {
                return "softCloseMs must be 0 (none) or between " + MIN_SOFT_CLOSE.toMillis() + " and "
                        + MAX_SOFT_CLOSE.toMillis();
            }
        }
        Long maxExtension = create.maxExtensionMs();
        if (maxExtension != null && (maxExtension < 0 || maxExtension > MAX_EXTENSION.toMillis())) {
            return "maxExtensionMs must be between 0 and " + MAX_EXTENSION.toMillis() + " (7 days)";
        }
        return null;
    }

    /** The first problem with {@code create}, or null if it is a valid show. */
    public static String problemWithShow(ShowCommand.CreateShow create) {
        if (!LotIds.SHOW_ID.matcher(create.showId()).matches()) {
            return "showId must be 1 to 64 letters, digits or '-'";
        }
        String title = create.title();
        if (title == null || title.isBlank()) {
            return "title is required";
        }
        if (title.codePointCount(0, title.length()) > TITLE_MAX_LENGTH) {
            return "title must be at most " + TITLE_MAX_LENGTH + " characters";
        }
        if (create.scheduledStart() == null) {
            return "scheduledStart is required";
        }
        return null;
    }

    /**
     * The first problem with the lot {@code add} prepares, or null if it is valid: the bounds of an auction's title,
     * description and prices, which its runs will be.
     */
    public static String problemWithLot(ShowCommand.AddLot add) {
        return problemWithAuction(new CreateAuction(
                add.commandId(),
                LotIds.auctionId(add.showId(), 1, 1),
                add.receivedAt(),
                add.host(),
                add.title(),
                add.description(),
                add.startingPriceCents(),
                MIN_DURATION.toMillis(),
                add.reservePriceCents(),
                add.buyNowPriceCents(),
                null,
                null,
                null));
    }

    /** The first problem with the amounts of a bid, or null if they are valid. */
    public static String problemWithBid(Long amountCents, Long maxAmountCents) {
        if (amountCents == null && maxAmountCents == null) {
            return "a bid needs an amount or a maxAmount";
        }
        if ((amountCents != null && !inPriceRange(amountCents))
                || (maxAmountCents != null && !inPriceRange(maxAmountCents))) {
            return "amounts must be between " + format(MIN_PRICE_CENTS) + " and " + format(MAX_PRICE_CENTS);
        }
        if (amountCents != null && maxAmountCents != null && amountCents > maxAmountCents) {
            return "amount must not be above maxAmount";
        }
        return null;
    }

    /** An amount as messages show it: {@code 1234.50}. */
    public static String format(long cents) {
        return Money.toDecimal(cents).setScale(2).toPlainString();
    }

    private static boolean inPriceRange(long cents) {
        return cents >= MIN_PRICE_CENTS && cents <= MAX_PRICE_CENTS;
    }
}
