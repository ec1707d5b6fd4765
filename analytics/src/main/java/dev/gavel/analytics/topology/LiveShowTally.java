package dev.gavel.analytics.topology;

import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowStats.LiveShowSales;
import dev.gavel.events.ShowStats.Sales;
import dev.gavel.events.ShowView;
import java.time.Instant;

/**
 * What a seller's show came to so far: the show folded from its events, the runs of its lots that ended, its highest
 * sale, and the time of its latest event. An event at or below {@code show.seq} was counted already (a record read
 * again), and changes nothing.
 */
record LiveShowTally(ShowView show, Sales sales, Long highestSaleCents, String highestSaleAuctionId, Instant at) {

    static LiveShowTally of(ShowEvent.ShowCreated created) {
        return new LiveShowTally(created.show(), Sales.NONE, null, null, created.at());
    }

    boolean counted(ShowEvent event) {
        return event.seq() <= show.seq();
    }

    LiveShowTally plus(ShowEvent event) {
        ShowView after = show.apply(event);
        if (!(event instanceof ShowEvent.LotEnded ended)) {
            return new LiveShowTally(after, sales, highestSaleCents, highestSaleAuctionId, event.at());
        }
        Sales more = sales.plus(ended.outcome(), ended.finalPriceCents());
        boolean higher = ended.finalPriceCents() != null
                && (highestSaleCents == null || ended.finalPriceCents() > highestSaleCents);
        return higher
                ? new LiveShowTally(after, more, ended.finalPriceCents(), ended.auctionId(), event.at())
                : new LiveShowTally(after, more, highestSaleCents, highestSaleAuctionId, event.at());
    }

    LiveShowSales stats() {
        return new LiveShowSales(
                show.id(),
                show.title(),
                show.host(),
                show.status(),
                show.lineup().size(),
                sales,
                highestSaleCents,
                highestSaleAuctionId,
                show.seq(),
                at);
    }
}
