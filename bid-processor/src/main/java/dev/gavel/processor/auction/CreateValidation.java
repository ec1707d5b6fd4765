package dev.gavel.processor.auction;

import static dev.gavel.events.AuctionLimits.DESCRIPTION_MAX_LENGTH;
import static dev.gavel.events.AuctionLimits.MAX_DURATION;
import static dev.gavel.events.AuctionLimits.MAX_EXTENSION;
import static dev.gavel.events.AuctionLimits.MAX_PRICE_CENTS;
import static dev.gavel.events.AuctionLimits.MAX_SOFT_CLOSE;
import static dev.gavel.events.AuctionLimits.MIN_DURATION;
import static dev.gavel.events.AuctionLimits.MIN_PRICE_CENTS;
import static dev.gavel.events.AuctionLimits.MIN_SOFT_CLOSE;
import static dev.gavel.events.AuctionLimits.TITLE_MAX_LENGTH;
import static dev.gavel.processor.auction.AuctionRules.format;

import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionMode;

/** The checks a new auction must pass; each failure names the field and the bound. */
final class CreateValidation {

    private CreateValidation() {}

    /** The first problem with {@code create}, or null if it is a valid auction. */
    static String problemWith(CreateAuction create) {
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

    private static boolean inPriceRange(long cents) {
        return cents >= MIN_PRICE_CENTS && cents <= MAX_PRICE_CENTS;
    }
}
