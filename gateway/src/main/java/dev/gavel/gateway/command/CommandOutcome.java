package dev.gavel.gateway.command;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowNotice.ShowCommandConfirmed;
import dev.gavel.events.ShowNotice.ShowCommandRejected;
import dev.gavel.events.ShowView;
import dev.gavel.gateway.protocol.ErrorCode;

/** The one outcome of a submitted command. */
public sealed interface CommandOutcome {

    /** Accepted, with the first public event it caused and the auction after it. */
    record Accepted(AuctionEvent event, AuctionView auction) implements CommandOutcome {}

    /**
     * Accepted without a public event (a raised maximum), or a repeat of a command accepted before; {@code auction} is
     * the auction as this gateway knows it when the confirmation is read (a repeated create is answered with it), or
     * null if it no longer knows it.
     */
    record Confirmed(CommandConfirmed notice, AuctionView auction) implements CommandOutcome {}

    record Rejected(CommandRejected notice) implements CommandOutcome {}

    /** A show command accepted, with the show event that recorded it and the show after it. */
    record ShowAccepted(ShowEvent event, ShowView show) implements CommandOutcome {}

    /** A pre-bid taken (no public event), or a repeat of a show command taken before; {@code show} as known here. */
    record ShowConfirmed(ShowCommandConfirmed notice, ShowView show) implements CommandOutcome {}

    record ShowRejected(ShowCommandRejected notice) implements CommandOutcome {}

    /** No decision known: Kafka was unreachable ({@code UNAVAILABLE}) or the processor did not answer in time. */
    record Failed(ErrorCode code, String message) implements CommandOutcome {}
}
