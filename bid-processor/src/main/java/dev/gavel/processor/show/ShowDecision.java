package dev.gavel.processor.show;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowNotice;
import java.util.List;

/**
 * What the show rules decided for one command.
 *
 * @param show the show's state afterwards; null if there is none
 * @param events the public events, in order; empty when nothing public changed
 * @param reply the outcome for the issuer; null for system commands
 * @param auctionCommands what the lot's auction must be told, in order: when a lot runs, its creation and then its
 *     pre-bids, for the auctions' engine to decide
 */
public record ShowDecision(Show show, List<ShowEvent> events, ShowNotice reply, List<AuctionCommand> auctionCommands) {

    public ShowDecision {
        events = List.copyOf(events);
        auctionCommands = List.copyOf(auctionCommands);
    }

    /** The issuer must be told privately: the outcome is not visible in any public event. */
    public boolean replyIsPrivate() {
        return reply != null && events.isEmpty();
    }
}
