package dev.gavel.processor.reference;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.LotStatus;
import dev.gavel.events.LotView;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowStatus;
import dev.gavel.events.ShowView;
import dev.gavel.events.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent model of the show rules, written from docs/protocol.md and ADR 17 rather than from the engine's code:
 * a show's lineup, one lot running at a time, pre-bids kept until their lot runs and then handed to its auction as
 * maximum bids in receipt order, and the end of a lot's run coming back from its auction. It answers what must be
 * seen for each command: the show's public events, exactly, the refusal reason or a private confirmation, and the
 * commands a run appends to the auctions' log. Bounds that random sessions cannot reach (500 lots) are left out.
 */
public final class ReferenceShows {

    /** What one command did. {@code rejection} is null when it was taken; {@code confirmed} when it was taken privately. */
    public record Result(
            List<ShowEvent> events, RejectionReason rejection, boolean confirmed, List<AuctionCommand> lotCommands) {

        static Result refused(RejectionReason reason) {
            return new Result(List.of(), reason, false, List.of());
        }

        static Result nothing() {
            return new Result(List.of(), null, false, List.of());
        }
    }

    private record PreBid(String commandId, UserRef bidder, long max) {}

    private static final class Lot {
        final int lotNo;
        final String title;
        final String description;
        final long start;
        final Long reserve;
        final Long buyNow;
        LotStatus status = LotStatus.SCHEDULED;
        int runs;
        String auctionId;
        Instant endsAt;
        Outcome outcome;
        UserRef winner;
        Long price;
        final List<PreBid> preBids = new ArrayList<>();

        Lot(int lotNo, ShowCommand.AddLot add) {
            this.lotNo = lotNo;
            this.title = add.title();
            this.description = add.description() == null ? "" : add.description();
            this.start = add.startingPriceCents();
            this.reserve = add.reservePriceCents();
            this.buyNow = add.buyNowPriceCents();
        }

        boolean canRun() {
            return status == LotStatus.SCHEDULED || status == LotStatus.UNSOLD;
        }

        LotView view() {
            return new LotView(
                    lotNo,
                    title,
                    description,
                    start,
                    buyNow,
                    reserve != null,
                    status,
                    runs,
                    auctionId,
                    endsAt,
                    outcome,
                    winner,
                    price);
        }
    }

    private static final class Show {
        final ShowCommand.CreateShow created;
        ShowStatus status = ShowStatus.SCHEDULED;
        Instant startedAt;
        Instant endedAt;
        final List<Lot> lineup = new ArrayList<>();
        int added;
        Lot running;
        long seq = 1;

        Show(ShowCommand.CreateShow created) {
            this.created = created;
        }

        Lot lot(int lotNo) {
            return lineup.stream().filter(lot -> lot.lotNo == lotNo).findFirst().orElse(null);
        }

        ShowView view() {
            return new ShowView(
                    created.showId(),
                    created.title(),
                    created.host(),
                    status,
                    created.scheduledStart(),
                    created.receivedAt(),
                    startedAt,
                    endedAt,
                    lineup.stream().map(Lot::view).toList(),
                    running == null ? null : running.lotNo,
                    seq);
        }
    }

    private final Map<String, Show> shows = new HashMap<>();

    /** The public snapshot of {@code showId}, or null if there is no such show. */
    public ShowView snapshot(String showId) {
        Show show = shows.get(showId);
        return show == null ? null : show.view();
    }

    /** The auction of the lot that runs in {@code showId} now, or null. */
    public String runningAuction(String showId) {
        Show show = shows.get(showId);
        return show == null || show.running == null ? null : show.running.auctionId;
    }

    public Result handle(ShowCommand command) {
        Show show = shows.get(command.showId());
        if (command instanceof ShowCommand.CreateShow create) {
            if (show != null) {
                return Result.refused(RejectionReason.SHOW_EXISTS);
            }
            if (create.title() == null || create.title().isBlank()) {
                return Result.refused(RejectionReason.INVALID_SHOW);
            }
            Show created = new Show(create);
            shows.put(create.showId(), created);
            return taken(new ShowEvent.ShowCreated(
                    create.showId(), 1, create.receivedAt(), create.commandId(), created.view()));
        }
        if (command instanceof ShowCommand.LotAuctionEnded ended) {
            return lotEnded(show, ended);
        }
        if (show == null) {
            return Result.refused(RejectionReason.SHOW_NOT_FOUND);
        }
        if (command instanceof ShowCommand.PlacePreBid preBid) {
            return preBid(show, preBid);
        }
        if (!command.issuer().id().equals(show.created.host().id())) {
            return Result.refused(RejectionReason.NOT_HOST);
        }
        if (show.status == ShowStatus.ENDED) {
            return Result.refused(RejectionReason.SHOW_ENDED);
        }
        if (command instanceof ShowCommand.AddLot add) {
            if (add.buyNowPriceCents() != null && add.buyNowPriceCents() <= add.startingPriceCents()) {
                return Result.refused(RejectionReason.INVALID_LOT);
            }
            Lot lot = new Lot(++show.added, add);
            show.lineup.add(lot);
            return taken(
                    new ShowEvent.LotAdded(show.created.showId(), ++show.seq, at(add), add.commandId(), lot.view()));
        }
        if (command instanceof ShowCommand.RemoveLot remove) {
            Lot lot = show.lot(remove.lotNo());
            if (lot == null) {
                return Result.refused(RejectionReason.LOT_NOT_FOUND);
            }
            if (!lot.canRun()) {
                return Result.refused(RejectionReason.LOT_NOT_AVAILABLE);
            }
            show.lineup.remove(lot);
            return taken(new ShowEvent.LotRemoved(
                    show.created.showId(), ++show.seq, at(remove), remove.commandId(), lot.lotNo));
        }
        if (command instanceof ShowCommand.MoveLot move) {
            Lot lot = show.lot(move.lotNo());
            if (lot == null) {
                return Result.refused(RejectionReason.LOT_NOT_FOUND);
            }
            if (lot == show.running) {
                return Result.refused(RejectionReason.LOT_NOT_AVAILABLE);
            }
            if (move.position() < 0 || move.position() >= show.lineup.size()) {
                return Result.refused(RejectionReason.INVALID_LOT);
            }
            show.lineup.remove(lot);
            show.lineup.add(move.position(), lot);
            return taken(new ShowEvent.LotMoved(
                    show.created.showId(), ++show.seq, at(move), move.commandId(), lot.lotNo, move.position()));
        }
        if (command instanceof ShowCommand.StartShow start) {
            if (show.status == ShowStatus.LIVE) {
                return Result.refused(RejectionReason.INVALID_SHOW);
            }
            show.status = ShowStatus.LIVE;
            show.startedAt = start.receivedAt();
            return taken(new ShowEvent.ShowStarted(show.created.showId(), ++show.seq, at(start), start.commandId()));
        }
        if (command instanceof ShowCommand.RunLot run) {
            return run(show, run);
        }
        ShowCommand.EndShow end = (ShowCommand.EndShow) command;
        if (show.running != null) {
            return Result.refused(RejectionReason.LOT_RUNNING);
        }
        show.status = ShowStatus.ENDED;
        show.endedAt = end.receivedAt();
        show.lineup.forEach(lot -> lot.preBids.clear());
        int sold = (int)
                show.lineup.stream().filter(lot -> lot.status == LotStatus.SOLD).count();
        return taken(new ShowEvent.ShowEnded(show.created.showId(), ++show.seq, at(end), end.commandId(), sold));
    }

    private Result run(Show show, ShowCommand.RunLot run) {
        if (show.status != ShowStatus.LIVE) {
            return Result.refused(RejectionReason.SHOW_NOT_LIVE);
        }
        Lot lot = show.lot(run.lotNo());
        if (lot == null) {
            return Result.refused(RejectionReason.LOT_NOT_FOUND);
        }
        if (show.running != null) {
            return Result.refused(RejectionReason.LOT_RUNNING);
        }
        if (!lot.canRun()) {
            return Result.refused(RejectionReason.LOT_NOT_AVAILABLE);
        }
        if (run.durationMs() < 5_000) {
            return Result.refused(RejectionReason.INVALID_LOT);
        }
        String showId = show.created.showId();
        lot.runs++;
        lot.auctionId = showId + "_" + lot.lotNo + "_" + lot.runs;
        lot.endsAt = run.receivedAt().plusMillis(run.durationMs());
        lot.status = LotStatus.RUNNING;
        lot.outcome = null;
        lot.winner = null;
        lot.price = null;
        show.running = lot;
        List<AuctionCommand> commands = new ArrayList<>();
        commands.add(new CreateAuction(
                "lot-run:" + run.commandId(),
                lot.auctionId,
                run.receivedAt(),
                show.created.host(),
                lot.title,
                lot.description,
                lot.start,
                run.durationMs(),
                lot.reserve,
                lot.buyNow,
                run.mode(),
                run.softCloseMs(),
                run.maxExtensionMs()));
        for (PreBid preBid : lot.preBids) {
            commands.add(new PlaceBid(
                    preBid.commandId(), lot.auctionId, run.receivedAt(), preBid.bidder(), null, preBid.max()));
        }
        int preBids = lot.preBids.size();
        lot.preBids.clear();
        ShowEvent started = new ShowEvent.LotStarted(
                showId,
                ++show.seq,
                run.receivedAt(),
                run.commandId(),
                lot.lotNo,
                lot.auctionId,
                lot.runs,
                lot.endsAt,
                run.mode() == null ? AuctionMode.STANDARD : run.mode(),
                run.mode() == AuctionMode.SUDDEN_DEATH ? 0 : run.softCloseMs() == null ? 10_000 : run.softCloseMs(),
                preBids);
        return new Result(List.of(started), null, false, commands);
    }

    private static Result preBid(Show show, ShowCommand.PlacePreBid preBid) {
        if (show.status == ShowStatus.ENDED) {
            return Result.refused(RejectionReason.SHOW_ENDED);
        }
        Lot lot = show.lot(preBid.lotNo());
        if (lot == null) {
            return Result.refused(RejectionReason.LOT_NOT_FOUND);
        }
        if (!lot.canRun()) {
            return Result.refused(RejectionReason.LOT_NOT_AVAILABLE);
        }
        if (preBid.bidder().id().equals(show.created.host().id())) {
            return Result.refused(RejectionReason.SELF_BID);
        }
        if (preBid.maxAmountCents() < lot.start) {
            return Result.refused(RejectionReason.BID_TOO_LOW);
        }
        lot.preBids.removeIf(
                earlier -> earlier.bidder().id().equals(preBid.bidder().id()));
        lot.preBids.add(new PreBid(preBid.commandId(), preBid.bidder(), preBid.maxAmountCents()));
        return new Result(List.of(), null, true, List.of());
    }

    private static Result lotEnded(Show show, ShowCommand.LotAuctionEnded ended) {
        if (show == null || show.running == null || !show.running.auctionId.equals(ended.auctionId())) {
            return Result.nothing();
        }
        Lot lot = show.running;
        lot.status = ended.outcome() == Outcome.SOLD ? LotStatus.SOLD : LotStatus.UNSOLD;
        lot.outcome = ended.outcome();
        lot.winner = ended.winner();
        lot.price = ended.finalPriceCents();
        show.running = null;
        return taken(new ShowEvent.LotEnded(
                show.created.showId(),
                ++show.seq,
                ended.receivedAt(),
                ended.commandId(),
                lot.lotNo,
                lot.auctionId,
                ended.outcome(),
                ended.winner(),
                ended.finalPriceCents()));
    }

    private static Result taken(ShowEvent event) {
        return new Result(List.of(event), null, false, List.of());
    }

    private static Instant at(ShowCommand command) {
        return command.receivedAt();
    }
}
