package dev.gavel.analytics.topology;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.UserRef;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns each {@code auction-ended} into an {@link Ending} keyed by the seller, who is named only by the auction's
 * {@code auction-created}. Both are events of the same auction on the same partition, created first, so the seller
 * is remembered from creation to end and then forgotten: the store holds only open auctions. An ending whose creation
 * is no longer in the topic (retention) cannot be attributed and is left out.
 */
final class SellerOfEndedAuction implements Processor<String, AuctionEvent, String, Ending> {

    private ProcessorContext<String, Ending> context;
    private KeyValueStore<String, UserRef> sellers;

    @Override
    public void init(ProcessorContext<String, Ending> context) {
        this.context = context;
        this.sellers = context.getStateStore(StoreNames.SELLERS);
    }

    @Override
    public void process(Record<String, AuctionEvent> record) {
        AuctionEvent event = record.value();
        if (event instanceof AuctionEvent.AuctionCreated created) {
            sellers.put(created.auctionId(), created.auction().seller());
        } else if (event instanceof AuctionEvent.AuctionEnded ended) {
            UserRef seller = sellers.delete(ended.auctionId());
            if (seller != null) {
                context.forward(record.withKey(seller.id())
                        .withValue(new Ending(seller, ended.outcome(), ended.finalPriceCents(), ended.at())));
            }
        }
    }
}
