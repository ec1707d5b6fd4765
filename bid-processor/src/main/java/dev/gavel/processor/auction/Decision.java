package dev.gavel.processor.auction;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.BidderNotice;
import java.util.List;

/**
 * What the rules decided for one command.
 *
 * @param auction the auction's state afterwards; null if there is none (never created, or expired)
 * @param events the public events, in order; empty when nothing public changed
 * @param reply the outcome for the issuer; null for system commands
 */
public record Decision(Auction auction, List<AuctionEvent> events, BidderNotice reply) {

    public Decision {
        events = List.copyOf(events);
    }

    static Decision of(Auction auction, BidderNotice reply, AuctionEvent... events) {
        return new Decision(auction, List.of(events), reply);
    }

    /** A system command that found nothing to do. */
    static Decision nothing(Auction auction) {
        return new Decision(auction, List.of(), null);
    }

    /** The issuer must be told privately: the outcome is not visible in any public event. */
    public boolean replyIsPrivate() {
        return reply != null && events.isEmpty();
    }
}
