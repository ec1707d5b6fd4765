package dev.gavel.gateway.testing;

import dev.gavel.events.AuctionMode;
import dev.gavel.events.ModerationAction;
import dev.gavel.gateway.protocol.ClientMessage;
import java.math.BigDecimal;

/** Client requests as a client would send them; every request carries requestId {@value #REQUEST_ID}. */
public final class Requests {

    public static final String REQUEST_ID = "r-1";

    private Requests() {}

    /** A valid auction: 10.00 for five minutes; change what the test is about. */
    public static CreateAuctionRequest createAuction() {
        return new CreateAuctionRequest();
    }

    public static ClientMessage.PlaceBid placeBid(String auctionId, String amount) {
        return new ClientMessage.PlaceBid(REQUEST_ID, auctionId, decimal(amount), null, null);
    }

    public static ClientMessage.PlaceBid placeBid(String auctionId, String amount, String maxAmount, String bidId) {
        return new ClientMessage.PlaceBid(REQUEST_ID, auctionId, decimal(amount), decimal(maxAmount), bidId);
    }

    public static ClientMessage.BuyNow buyNow(String auctionId) {
        return new ClientMessage.BuyNow(REQUEST_ID, auctionId);
    }

    public static ClientMessage.CancelAuction cancelAuction(String auctionId) {
        return new ClientMessage.CancelAuction(REQUEST_ID, auctionId);
    }

    public static ClientMessage.ModerateAuction moderate(String auctionId, ModerationAction action, String bidderId) {
        return new ClientMessage.ModerateAuction(REQUEST_ID, auctionId, action, bidderId);
    }

    private static BigDecimal decimal(String amount) {
        return amount == null ? null : new BigDecimal(amount);
    }

    /** A create-auction request, valid until a test changes it. */
    public static final class CreateAuctionRequest {
        private String title = "Lamp";
        private String description = "A brass lamp";
        private BigDecimal startingPrice = new BigDecimal("10.00");
        private Long durationMs = 300_000L;
        private BigDecimal reservePrice;
        private BigDecimal buyNowPrice;
        private AuctionMode mode;
        private Long softCloseMs;
        private Long maxExtensionMs;

        private CreateAuctionRequest() {}

        public CreateAuctionRequest title(String title) {
            this.title = title;
            return this;
        }

        public CreateAuctionRequest description(String description) {
            this.description = description;
            return this;
        }

        public CreateAuctionRequest startingPrice(String startingPrice) {
            this.startingPrice = decimal(startingPrice);
            return this;
        }

        public CreateAuctionRequest durationMs(Long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        public CreateAuctionRequest reservePrice(String reservePrice) {
            this.reservePrice = decimal(reservePrice);
            return this;
        }

        public CreateAuctionRequest buyNowPrice(String buyNowPrice) {
            this.buyNowPrice = decimal(buyNowPrice);
            return this;
        }

        public CreateAuctionRequest mode(AuctionMode mode) {
            this.mode = mode;
            return this;
        }

        public CreateAuctionRequest softCloseMs(Long softCloseMs) {
            this.softCloseMs = softCloseMs;
            return this;
        }

        public CreateAuctionRequest maxExtensionMs(Long maxExtensionMs) {
            this.maxExtensionMs = maxExtensionMs;
            return this;
        }

        public ClientMessage.CreateAuction build() {
            return new ClientMessage.CreateAuction(
                    REQUEST_ID,
                    title,
                    description,
                    startingPrice,
                    durationMs,
                    reservePrice,
                    buyNowPrice,
                    mode,
                    softCloseMs,
                    maxExtensionMs);
        }
    }
}
