package dev.gavel.gateway.testing;

import dev.gavel.events.AuctionMode;
import dev.gavel.events.LotIds;
import dev.gavel.events.LotStatus;
import dev.gavel.events.LotView;
import dev.gavel.events.Outcome;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowStatus;
import dev.gavel.events.ShowView;
import dev.gavel.events.UserRef;
import java.time.Instant;
import java.util.List;

/**
 * The public history of one show hosted by {@link Users#SAM_THE_SELLER}, written the way the processor writes it: each
 * call makes the next event, with the next seq, and folds it into {@link #view()}. Events are one second apart from
 * {@link Times#NOW}; each is caused by command {@code show-cmd-<seq>}.
 */
public final class ShowHistory {

    public static final long STARTING_PRICE_CENTS = 20_00;

    private final String showId;
    private ShowView view;

    private ShowHistory(String showId) {
        this.showId = showId;
    }

    /** A show already created, with its creation event taken. */
    public static ShowHistory created(String showId) {
        ShowHistory history = new ShowHistory(showId);
        history.creation();
        return history;
    }

    public ShowView view() {
        return view;
    }

    /** The auction of {@code lotNo}'s {@code run}th run. */
    public String auctionOf(int lotNo, int run) {
        return LotIds.auctionId(showId, lotNo, run);
    }

    public ShowEvent.ShowCreated creation() {
        view = new ShowView(
                showId,
                "Spring drop",
                Users.SAM_THE_SELLER,
                ShowStatus.SCHEDULED,
                Times.NOW.plusSeconds(3600),
                Times.NOW,
                null,
                null,
                List.of(),
                null,
                1);
        return new ShowEvent.ShowCreated(showId, 1, Times.NOW, "show-cmd-1", view);
    }

    public ShowEvent.LotAdded lotAdded() {
        int lotNo = view.lineup().size() + 1;
        LotView lot = new LotView(
                lotNo,
                "Lot " + lotNo,
                "",
                STARTING_PRICE_CENTS,
                null,
                false,
                LotStatus.SCHEDULED,
                0,
                null,
                null,
                null,
                null,
                null);
        return next(new ShowEvent.LotAdded(showId, nextSeq(), at(), commandId(), lot));
    }

    public ShowEvent.ShowStarted started() {
        return next(new ShowEvent.ShowStarted(showId, nextSeq(), at(), commandId()));
    }

    public ShowEvent.LotStarted lotStarted(int lotNo) {
        int run = view.lot(lotNo).orElseThrow().runs() + 1;
        return next(new ShowEvent.LotStarted(
                showId,
                nextSeq(),
                at(),
                commandId(),
                lotNo,
                auctionOf(lotNo, run),
                run,
                at().plusSeconds(30),
                AuctionMode.STANDARD,
                10_000,
                0));
    }

    public ShowEvent.LotEnded lotEnded(Outcome outcome, UserRef winner, Long finalPriceCents) {
        LotView lot = view.currentLot().orElseThrow();
        return next(new ShowEvent.LotEnded(
                showId, nextSeq(), at(), commandId(), lot.lotNo(), lot.auctionId(), outcome, winner, finalPriceCents));
    }

    private <E extends ShowEvent> E next(E event) {
        view = view.apply(event);
        return event;
    }

    private long nextSeq() {
        return view.seq() + 1;
    }

    private Instant at() {
        return Times.NOW.plusSeconds(view.seq());
    }

    private String commandId() {
        return "show-cmd-" + nextSeq();
    }
}
