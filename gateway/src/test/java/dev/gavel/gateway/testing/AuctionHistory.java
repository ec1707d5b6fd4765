package dev.gavel.gateway.testing;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.AuctionView;
import dev.gavel.events.Outcome;
import dev.gavel.events.UserRef;
import java.time.Duration;
import java.time.Instant;

/**
 * The public history of one auction, written the way the processor writes it: each call makes the next event, with
 * the next seq, and folds it into {@link #view()}. Events are one second apart from {@link Times#NOW}; each is caused
 * by command {@code cmd-<seq>} unless a test names the command.
 */
public final class AuctionHistory {

    public static final long STARTING_PRICE_CENTS = 10_00;
    public static final long INCREMENT_CENTS = 1_00;
    public static final Duration DURATION = Duration.ofMinutes(5);

    private final String auctionId;
    private AuctionView view;

    private AuctionHistory(String auctionId) {
        this.auctionId = auctionId;
    }

    /** A history that has not started: its first event is {@link #created()}. */
    public static AuctionHistory of(String auctionId) {
        return new AuctionHistory(auctionId);
    }

    /** An auction already created, with its creation event taken. */
    public static AuctionHistory open(String auctionId) {
        AuctionHistory history = of(auctionId);
        history.created();
        return history;
    }

    public String auctionId() {
        return auctionId;
    }

    /** The auction after every event made so far. */
    public AuctionView view() {
        if (view == null) {
            throw new IllegalStateException("the auction has not been created yet");
        }
        return view;
    }

    public AuctionEvent.AuctionCreated created() {
        return created("cmd-1");
    }

    public AuctionEvent.AuctionCreated created(String commandId) {
        if (view != null) {
            throw new IllegalStateException("an auction is created only once");
        }
        Instant at = Times.NOW;
        view = new AuctionView(
                auctionId,
                "Lamp " + auctionId,
                "A lamp",
                Users.SAM_THE_SELLER,
                AuctionMode.STANDARD,
                STARTING_PRICE_CENTS,
                null,
                false,
                false,
                10_000,
                null,
                null,
                null,
                0,
                STARTING_PRICE_CENTS,
                AuctionStatus.OPEN,
                at,
                at.plus(DURATION),
                1,
                null,
                null,
                null,
                null);
        return new AuctionEvent.AuctionCreated(auctionId, 1, at, commandId, view);
    }

    /** {@code bidder} bids {@code cents} and leads. */
    public AuctionEvent.BidPlaced bid(UserRef bidder, long cents) {
        return bid(bidder, cents, bidder, nextCommandId());
    }

    /** {@code bidder} bids {@code cents}; {@code leader} leads after it (a proxy may have answered at once). */
    public AuctionEvent.BidPlaced bid(UserRef bidder, long cents, UserRef leader, String commandId) {
        AuctionView before = view();
        return apply(new AuctionEvent.BidPlaced(
                auctionId,
                next(),
                nextAt(),
                commandId,
                bidder,
                cents,
                cents,
                leader,
                before.bidCount() + 1,
                cents + INCREMENT_CENTS,
                false,
                before.endsAt()));
    }

    public AuctionEvent.AuctionExtended extended(Duration by) {
        AuctionView before = view();
        return apply(new AuctionEvent.AuctionExtended(
                auctionId, next(), nextAt(), nextCommandId(), before.endsAt().plus(by), before.endsAt()));
    }

    /** Sold to the leader at the current bid, or unsold when nobody bid. */
    public AuctionEvent.AuctionEnded ended() {
        AuctionView before = view();
        boolean sold = before.leader() != null;
        return ended(sold ? Outcome.SOLD : Outcome.UNSOLD, before.leader(), before.currentBidCents(), nextCommandId());
    }

    public AuctionEvent.AuctionEnded ended(Outcome outcome, UserRef winner, Long finalPriceCents, String commandId) {
        return apply(new AuctionEvent.AuctionEnded(
                auctionId, next(), nextAt(), commandId, outcome, winner, finalPriceCents, view().bidCount()));
    }

    private <E extends AuctionEvent> E apply(E event) {
        view = view.apply(event);
        return event;
    }

    private long next() {
        return view().seq() + 1;
    }

    private Instant nextAt() {
        return Times.NOW.plusSeconds(next() - 1);
    }

    private String nextCommandId() {
        return "cmd-" + next();
    }
}
