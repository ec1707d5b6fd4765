package dev.gavel.gateway.auction;

/** Something that receives frames: a WebSocket session. Delivery must not block. */
public interface Subscriber {

    /** Queues a public event of {@code auctionId} for sending. */
    void deliver(String auctionId, String frame);
}
