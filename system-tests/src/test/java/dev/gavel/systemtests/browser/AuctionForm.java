package dev.gavel.systemtests.browser;

/** What a seller types into the sell form; amounts as typed. Sensible defaults, override what a test is about. */
record AuctionForm(
        String title,
        String description,
        String startingPrice,
        int durationSeconds,
        int softCloseSeconds,
        String reservePrice,
        String buyNowPrice) {

    static AuctionForm of(String title) {
        return new AuctionForm(title, "In its original box, works perfectly.", "100", 60, 10, null, null);
    }

    AuctionForm startingAt(String price) {
        return new AuctionForm(title, description, price, durationSeconds, softCloseSeconds, reservePrice, buyNowPrice);
    }

    AuctionForm lasting(int seconds, int softCloseWindowSeconds) {
        return new AuctionForm(
                title, description, startingPrice, seconds, softCloseWindowSeconds, reservePrice, buyNowPrice);
    }

    AuctionForm withReserve(String price) {
        return new AuctionForm(
                title, description, startingPrice, durationSeconds, softCloseSeconds, price, buyNowPrice);
    }

    AuctionForm withBuyNow(String price) {
        return new AuctionForm(
                title, description, startingPrice, durationSeconds, softCloseSeconds, reservePrice, price);
    }
}
