package dev.gavel.gateway.command;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
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

    /** No decision known: Kafka was unreachable ({@code UNAVAILABLE}) or the processor did not answer in time. */
    record Failed(ErrorCode code, String message) implements CommandOutcome {}
}
