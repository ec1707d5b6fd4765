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

    public static String createShow(String requestId, String title, long scheduledStartMillis) {
        return "{\"type\":\"create-show\",\"requestId\":\"" + requestId + "\",\"title\":\"" + title
                + "\",\"scheduledStart\":" + scheduledStartMillis + "}";
    }

    public static String addLot(String requestId, String showId, String title, long startingPriceCents) {
        return "{\"type\":\"add-lot\",\"requestId\":\"" + requestId + "\",\"showId\":\"" + showId + "\",\"title\":\""
                + title + "\",\"startingPrice\":"
                + Money.toDecimal(startingPriceCents).toPlainString() + "}";
    }

    /** {@code start-show} or {@code end-show}. */
    public static String showCommand(String type, String requestId, String showId) {
        return "{\"type\":\"" + type + "\",\"requestId\":\"" + requestId + "\",\"showId\":\"" + showId + "\"}";
    }

    /** Runs a lot in the sudden-death mode: it ends at its timer, which no bid moves. */
    public static String runLot(String requestId, String showId, int lotNo, long durationMs) {
        return "{\"type\":\"run-lot\",\"requestId\":\"" + requestId + "\",\"showId\":\"" + showId + "\",\"lotNo\":"
                + lotNo + ",\"durationMs\":" + durationMs + ",\"mode\":\"sudden-death\"}";
    }

    /** @param updates how the viewer follows the running lot: {@code every} event, or the {@code latest} state */
    public static String subscribeShow(String requestId, String showId, String updates) {
        return "{\"type\":\"subscribe-show\",\"requestId\":\"" + requestId + "\",\"showId\":\"" + showId
                + "\",\"updates\":\"" + updates + "\"}";
    }
}
