package dev.gavel.gateway.auction;

import dev.gavel.gateway.protocol.TextFrame;
import java.util.function.Supplier;

/** Something that receives an auction's frames: a WebSocket session. Delivery must not block. */
public interface Subscriber {

    /**
     * Queues a frame of {@code auctionId}'s stream. The same frame, encoded once, goes to every subscriber it is for.
     * A subscriber that has fallen behind may replace this frame, and every frame of the auction it has not sent yet,
     * by {@code latestState}: a snapshot that says it resynchronizes the client. Null {@code latestState}: the frame
     * must be sent as it is.
     */
    void deliver(String auctionId, TextFrame frame, Supplier<TextFrame> latestState);
}
