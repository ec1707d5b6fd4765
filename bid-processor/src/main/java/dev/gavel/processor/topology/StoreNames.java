package dev.gavel.processor.topology;

/** The processor's state stores; their changelog topics are named after them. */
public final class StoreNames {

    /** Auction id to the whole auction state, private parts included. */
    public static final String AUCTIONS = "auctions";

    /** Due time, kind and auction id to auction id: what the punctuator must do next. */
    public static final String DEADLINES = "auction-deadlines";

    /** Gateway instance id to its last watermark (epoch millis): the instances a close waits for (ADR 19). */
    public static final String GATEWAY_WATERMARKS = "gateway-watermarks";

    /** Auction id and command id to the original outcome, for idempotency. */
    public static final String PROCESSED_COMMANDS = "processed-commands";

    /** Show id to the whole show state, reserve prices and pre-bids included. */
    public static final String SHOWS = "shows";

    /** Show id and command id to the original outcome, for idempotency. */
    public static final String SHOW_PROCESSED_COMMANDS = "show-processed-commands";

    private StoreNames() {}
}
