package dev.gavel.loadgen.ws;

import dev.gavel.events.Money;

/**
 * The client messages the scenarios send, written directly: ids are the load generator's own (letters, digits and
 * dashes) and titles are fixed, so nothing needs escaping, and thousands of bids a second cost no object mapping.
 */
public final class Messages {

    private Messages() {}

    public static String createAuction(String requestId, String title, long startingPriceCents, long durationMs) {
        return "{\"type\":\"create-auction\",\"requestId\":\"" + requestId + "\",\"title\":\"" + title
                + "\",\"description\":\"A lot created by the load generator\",\"startingPrice\":"
                + Money.toDecimal(startingPriceCents).toPlainString() + ",\"durationMs\":" + durationMs
                + ",\"softCloseMs\":0}";
    }

    public static String placeBid(String requestId, String auctionId, long amountCents) {
        return "{\"type\":\"place-bid\",\"requestId\":\"" + requestId + "\",\"auctionId\":\"" + auctionId
                + "\",\"amount\":" + Money.toDecimal(amountCents).toPlainString() + "}";
    }

    public static String subscribe(String requestId, String auctionId) {
        return subscribe(requestId, auctionId, "every");
    }

    /** @param updates {@code every} event, or only the {@code latest} state */
    public static String subscribe(String requestId, String auctionId, String updates) {
        return "{\"type\":\"subscribe\",\"requestId\":\"" + requestId + "\",\"auctionId\":\"" + auctionId
                + "\",\"updates\":\"" + updates + "\"}";
    }
}
