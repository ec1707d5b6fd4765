package dev.gavel.processor.show;

import static dev.gavel.events.RejectionReason.BID_TOO_LOW;
import static dev.gavel.events.RejectionReason.INVALID_AMOUNT;
import static dev.gavel.events.RejectionReason.INVALID_LOT;
import static dev.gavel.events.RejectionReason.INVALID_SHOW;
import static dev.gavel.events.RejectionReason.LINEUP_FULL;
import static dev.gavel.events.RejectionReason.LOT_NOT_AVAILABLE;
import static dev.gavel.events.RejectionReason.LOT_NOT_FOUND;
import static dev.gavel.events.RejectionReason.LOT_RUNNING;
import static dev.gavel.events.RejectionReason.NOT_HOST;
import static dev.gavel.events.RejectionReason.SELF_BID;
import static dev.gavel.events.RejectionReason.SHOW_ENDED;
import static dev.gavel.events.RejectionReason.SHOW_EXISTS;
import static dev.gavel.events.RejectionReason.SHOW_NOT_FOUND;
import static dev.gavel.events.RejectionReason.SHOW_NOT_LIVE;
import static dev.gavel.events.Validation.format;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.AuctionLimits;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.LotIds;
import dev.gavel.events.LotStatus;
import dev.gavel.events.LotView;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.ShowCommand.AddLot;
import dev.gavel.events.ShowCommand.CreateShow;
import dev.gavel.events.ShowCommand.EndShow;
import dev.gavel.events.ShowCommand.LotAuctionEnded;
import dev.gavel.events.ShowCommand.MoveLot;
import dev.gavel.events.ShowCommand.PlacePreBid;
import dev.gavel.events.ShowCommand.RemoveLot;
import dev.gavel.events.ShowCommand.RunLot;
import dev.gavel.events.ShowCommand.StartShow;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowEvent.LotAdded;
import dev.gavel.events.ShowEvent.LotEnded;
import dev.gavel.events.ShowEvent.LotMoved;
import dev.gavel.events.ShowEvent.LotRemoved;
import dev.gavel.events.ShowEvent.LotStarted;
import dev.gavel.events.ShowEvent.ShowCreated;
import dev.gavel.events.ShowEvent.ShowEnded;
import dev.gavel.events.ShowEvent.ShowStarted;
import dev.gavel.events.ShowLimits;
import dev.gavel.events.ShowNotice;
import dev.gavel.events.ShowNotice.ShowCommandConfirmed;
import dev.gavel.events.ShowNotice.ShowCommandRejected;
import dev.gavel.events.ShowStatus;
import dev.gavel.events.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a show, in plain Java: given a show's state (null if it does not exist) and a command, what happens.
 * Pure and deterministic: time comes only from the command, so replaying the show's command log reproduces its
 * events. A show runs one lot at a time; running a lot opens an ordinary auction ({@link LotIds}) with the timer and
 * mode chosen then, and hands it the lot's pre-bids in the order they were received; the auction's end comes back as
 * {@link LotAuctionEnded}.
 */
public final class ShowRules {

    public ShowDecision decide(Show show, ShowCommand command) {
        if (command instanceof CreateShow create) {
            return create(show, create);
        }
        if (command instanceof LotAuctionEnded ended) {
            return lotAuctionEnded(show, ended);
        }
        if (show == null) {
            return reject(null, command, SHOW_NOT_FOUND, "no show with id " + command.showId());
        }
        if (command instanceof PlacePreBid preBid) {
            return placePreBid(show, preBid);
        }
        if (!show.hostedBy(command.issuer())) {
            return reject(show, command, NOT_HOST, "only the host of the show may do this");
        }
        if (show.status() == ShowStatus.ENDED) {
            return reject(show, command, SHOW_ENDED, "the show has ended");
        }
        if (command instanceof AddLot add) {
            return addLot(show, add);
        }
        if (command instanceof RemoveLot remove) {
            return removeLot(show, remove);
        }
        if (command instanceof MoveLot move) {
            return moveLot(show, move);
        }
        if (command instanceof StartShow start) {
            return start(show, start);
        }
        if (command instanceof RunLot run) {
            return runLot(show, run);
        }
        if (command instanceof EndShow end) {
            return end(show, end);
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    private ShowDecision create(Show existing, CreateShow create) {
        if (existing != null) {
            return reject(existing, create, SHOW_EXISTS, "a show with id " + create.showId() + " exists");
        }
        String problem = Validation.problemWithShow(create);
        if (problem != null) {
            return reject(null, create, INVALID_SHOW, problem);
        }
        Show show = new Show(
                create.showId(),
                create.title(),
                create.host(),
                ShowStatus.SCHEDULED,
                create.scheduledStart(),
                create.receivedAt(),
                null,
                null,
                List.of(),
                0,
                null,
                1);
        return accept(
                show, create, new ShowCreated(show.id(), 1, create.receivedAt(), create.commandId(), show.view()));
    }

    private ShowDecision addLot(Show show, AddLot add) {
        if (show.lineup().size() >= ShowLimits.MAX_LOTS) {
            return reject(show, add, LINEUP_FULL, "a lineup holds at most " + ShowLimits.MAX_LOTS + " lots");
        }
        String problem = Validation.problemWithLot(add);
        if (problem != null) {
            return reject(show, add, INVALID_LOT, problem);
        }
        int lotNo = show.lotsAdded() + 1;
        LotView view = new LotView(
                lotNo,
                add.title(),
                add.description() == null ? "" : add.description(),
                add.startingPriceCents(),
                add.buyNowPriceCents(),
                add.reservePriceCents() != null,
                LotStatus.SCHEDULED,
                0,
                null,
                null,
                null,
                null,
                null);
        List<Lot> lots = new ArrayList<>(show.lineup());
        lots.add(new Lot(view, add.reservePriceCents(), List.of()));
        long seq = show.seq() + 1;
        return accept(
                show.withLineup(lots, lotNo, show.currentLotNo()).withSeq(seq),
                add,
                new LotAdded(show.id(), seq, add.receivedAt(), add.commandId(), view));
    }

    private ShowDecision removeLot(Show show, RemoveLot remove) {
        Optional<Lot> lot = show.lot(remove.lotNo());
        if (lot.isEmpty()) {
            return noSuchLot(show, remove, remove.lotNo());
        }
        if (!lot.get().view().runnable()) {
            return unavailable(show, remove, lot.get());
        }
        List<Lot> lots = new ArrayList<>(show.lineup());
        lots.remove(lot.get());
        long seq = show.seq() + 1;
        return accept(
                show.withLineup(lots, show.lotsAdded(), show.currentLotNo()).withSeq(seq),
                remove,
                new LotRemoved(show.id(), seq, remove.receivedAt(), remove.commandId(), remove.lotNo()));
    }

    private ShowDecision moveLot(Show show, MoveLot move) {
        Optional<Lot> lot = show.lot(move.lotNo());
        if (lot.isEmpty()) {
            return noSuchLot(show, move, move.lotNo());
        }
        if (lot.get().view().status() == LotStatus.RUNNING) {
            return unavailable(show, move, lot.get());
        }
        if (move.position() < 0 || move.position() >= show.lineup().size()) {
            return reject(
                    show,
                    move,
                    INVALID_LOT,
                    "position must be between 0 and " + (show.lineup().size() - 1) + ", a place of the lineup");
        }
        List<Lot> lots = new ArrayList<>(show.lineup());
        lots.remove(lot.get());
        lots.add(move.position(), lot.get());
        long seq = show.seq() + 1;
        return accept(
                show.withLineup(lots, show.lotsAdded(), show.currentLotNo()).withSeq(seq),
                move,
                new LotMoved(show.id(), seq, move.receivedAt(), move.commandId(), move.lotNo(), move.position()));
    }

    private ShowDecision start(Show show, StartShow start) {
        if (show.status() == ShowStatus.LIVE) {
            return reject(show, start, INVALID_SHOW, "the show is live already");
        }
        long seq = show.seq() + 1;
        return accept(
                show.withStatus(ShowStatus.LIVE, start.receivedAt(), null).withSeq(seq),
                start,
                new ShowStarted(show.id(), seq, start.receivedAt(), start.commandId()));
    }

    private ShowDecision runLot(Show show, RunLot run) {
        if (show.status() != ShowStatus.LIVE) {
            return reject(show, run, SHOW_NOT_LIVE, "start the show before running a lot");
        }
        Optional<Lot> found = show.lot(run.lotNo());
        if (found.isEmpty()) {
            return noSuchLot(show, run, run.lotNo());
        }
        if (show.currentLotNo() != null) {
            return reject(show, run, LOT_RUNNING, "lot " + show.currentLotNo() + " is running: one lot runs at a time");
        }
        Lot lot = found.get();
        if (!lot.view().runnable()) {
            return unavailable(show, run, lot);
        }
        int runNo = lot.view().runs() + 1;
        String auctionId = LotIds.auctionId(show.id(), lot.lotNo(), runNo);
        CreateAuction create = new CreateAuction(
                "lot-run:" + run.commandId(),
                auctionId,
                run.receivedAt(),
                show.host(),
                lot.view().title(),
                lot.view().description(),
                lot.view().startingPriceCents(),
                run.durationMs(),
                lot.reservePriceCents(),
                lot.view().buyNowPriceCents(),
                run.mode(),
                run.softCloseMs(),
                run.maxExtensionMs());
        String problem = Validation.problemWithAuction(create);
        if (problem != null) {
            return reject(show, run, INVALID_LOT, problem);
        }
        List<AuctionCommand> commands = new ArrayList<>();
        commands.add(create);
        // The pre-bids are bids received as the lot opened, placed in the order the show received them.
        lot.preBids()
                .forEach(preBid -> commands.add(new PlaceBid(
                        preBid.commandId(),
                        auctionId,
                        run.receivedAt(),
                        preBid.bidder(),
                        null,
                        preBid.maxAmountCents())));
        Instant endsAt = run.receivedAt().plusMillis(run.durationMs());
        AuctionMode mode = run.mode() == null ? AuctionMode.STANDARD : run.mode();
        long softCloseMs = mode == AuctionMode.SUDDEN_DEATH
                ? 0
                : run.softCloseMs() == null ? AuctionLimits.DEFAULT_SOFT_CLOSE.toMillis() : run.softCloseMs();
        Show running = show.withLot(
                lot.lotNo(),
                taken -> taken.withView(taken.view().started(auctionId, endsAt)).withoutPreBids());
        long seq = show.seq() + 1;
        LotStarted started = new LotStarted(
                show.id(),
                seq,
                run.receivedAt(),
                run.commandId(),
                lot.lotNo(),
                auctionId,
                runNo,
                endsAt,
                mode,
                softCloseMs,
                lot.preBids().size());
        return new ShowDecision(
                running.withLineup(running.lineup(), running.lotsAdded(), lot.lotNo())
                        .withSeq(seq),
                List.of(started),
                confirmed(run, seq),
                commands);
    }

    private ShowDecision placePreBid(Show show, PlacePreBid preBid) {
        if (show.status() == ShowStatus.ENDED) {
            return reject(show, preBid, SHOW_ENDED, "the show has ended");
        }
        Optional<Lot> found = show.lot(preBid.lotNo());
        if (found.isEmpty()) {
            return noSuchLot(show, preBid, preBid.lotNo());
        }
        Lot lot = found.get();
        if (!lot.view().runnable()) {
            return unavailable(show, preBid, lot);
        }
        if (show.hostedBy(preBid.bidder())) {
            return reject(show, preBid, SELF_BID, "the host cannot bid on the show's lots");
        }
        String problem = Validation.problemWithBid(null, preBid.maxAmountCents());
        if (problem != null) {
            return reject(show, preBid, INVALID_AMOUNT, problem);
        }
        if (preBid.maxAmountCents() < lot.view().startingPriceCents()) {
            return reject(
                    show,
                    preBid,
                    BID_TOO_LOW,
                    "a pre-bid must be at least the starting price, "
                            + format(lot.view().startingPriceCents()));
        }
        boolean replaces = lot.preBids().stream()
                .anyMatch(
                        earlier -> earlier.bidder().id().equals(preBid.bidder().id()));
        if (!replaces && lot.preBids().size() >= ShowLimits.MAX_PRE_BIDS_PER_LOT) {
            return reject(
                    show, preBid, LINEUP_FULL, "a lot takes at most " + ShowLimits.MAX_PRE_BIDS_PER_LOT + " pre-bids");
        }
        PreBid kept = new PreBid(preBid.commandId(), preBid.bidder(), preBid.maxAmountCents(), preBid.receivedAt());
        ShowCommandConfirmed taken = new ShowCommandConfirmed(
                preBid.commandId(),
                show.id(),
                preBid.commandType(),
                preBid.bidder(),
                preBid.receivedAt(),
                lot.lotNo(),
                preBid.maxAmountCents(),
                false,
                null);
        return new ShowDecision(
                show.withLot(lot.lotNo(), taking -> taking.withPreBid(kept)), List.of(), taken, List.of());
    }

    private ShowDecision end(Show show, EndShow end) {
        if (show.currentLotNo() != null) {
            return reject(
                    show,
                    end,
                    LOT_RUNNING,
                    "lot " + show.currentLotNo() + " is running: end the show once it has ended");
        }
        int sold = (int) show.lineup().stream()
                .filter(lot -> lot.view().status() == LotStatus.SOLD)
                .count();
        List<Lot> withoutPreBids =
                show.lineup().stream().map(Lot::withoutPreBids).toList();
        long seq = show.seq() + 1;
        return accept(
                show.withLineup(withoutPreBids, show.lotsAdded(), null)
                        .withStatus(ShowStatus.ENDED, show.startedAt(), end.receivedAt())
                        .withSeq(seq),
                end,
                new ShowEnded(show.id(), seq, end.receivedAt(), end.commandId(), sold));
    }

    /** Only the end of the run that is on counts: a stale or foreign auction's end changes nothing. */
    private static ShowDecision lotAuctionEnded(Show show, LotAuctionEnded ended) {
        if (show == null || show.currentLotNo() == null) {
            return new ShowDecision(show, List.of(), null, List.of());
        }
        Lot lot = show.lot(show.currentLotNo()).orElseThrow();
        if (!ended.auctionId().equals(lot.view().auctionId())) {
            return new ShowDecision(show, List.of(), null, List.of());
        }
        Show finished = show.withLot(
                lot.lotNo(),
                done -> done.withView(done.view().ended(ended.outcome(), ended.winner(), ended.finalPriceCents())));
        long seq = show.seq() + 1;
        LotEnded event = new LotEnded(
                show.id(),
                seq,
                ended.receivedAt(),
                ended.commandId(),
                lot.lotNo(),
                ended.auctionId(),
                ended.outcome(),
                ended.winner(),
                ended.finalPriceCents());
        return new ShowDecision(
                finished.withLineup(finished.lineup(), finished.lotsAdded(), null)
                        .withSeq(seq),
                List.of(event),
                null,
                List.of());
    }

    private static ShowDecision accept(Show after, ShowCommand command, ShowEvent event) {
        return new ShowDecision(after, List.of(event), confirmed(command, event.seq()), List.of());
    }

    private static ShowCommandConfirmed confirmed(ShowCommand command, long seq) {
        return new ShowCommandConfirmed(
                command.commandId(),
                command.showId(),
                command.commandType(),
                command.issuer(),
                command.receivedAt(),
                null,
                null,
                false,
                seq);
    }

    private static ShowDecision noSuchLot(Show show, ShowCommand command, int lotNo) {
        return reject(show, command, LOT_NOT_FOUND, "show " + show.id() + " has no lot " + lotNo);
    }

    private static ShowDecision unavailable(Show show, ShowCommand command, Lot lot) {
        String why = lot.view().status() != LotStatus.RUNNING
                ? "lot " + lot.lotNo() + " has sold"
                : command instanceof PlacePreBid
                        ? "lot " + lot.lotNo() + " is running: bid on its auction "
                                + lot.view().auctionId()
                        : "lot " + lot.lotNo() + " is running";
        return reject(show, command, LOT_NOT_AVAILABLE, why);
    }

    private static ShowDecision reject(Show show, ShowCommand command, RejectionReason reason, String message) {
        ShowNotice rejected = new ShowCommandRejected(
                command.commandId(),
                command.showId(),
                command.commandType(),
                command.issuer(),
                command.receivedAt(),
                reason,
                message);
        return new ShowDecision(show, List.of(), rejected, List.of());
    }
}
