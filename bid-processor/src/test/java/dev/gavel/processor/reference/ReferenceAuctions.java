package dev.gavel.processor.reference;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.BuyNow;
import dev.gavel.events.AuctionCommand.CancelAuction;
import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.GatewayWatermark;
import dev.gavel.events.AuctionCommand.ModerateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionEvent.AuctionExtended;
import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.AuctionView;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.Role;
import dev.gavel.events.UserRef;
import dev.gavel.processor.fixtures.Commands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A second, deliberately plain implementation of the auction rules, written from the rule text rather than from the
 * processor's code, to check the processor against. It favours obviousness over speed: mutable state, one method per
 * command, every rule spelled out where it applies.
 *
 * <p>It answers what the rules say must be seen: the public events of a command, exactly, and what its issuer must
 * be told privately, as a kind and a rejection reason with the minimum bid.
 */
public final class ReferenceAuctions {

    /** What the issuer of a command is told privately; nothing when the public events tell it. */
    public record Answer(Kind kind, RejectionReason reason, Long minimumBidCents) {

        public enum Kind {
            REJECTED,
            /** Accepted with nothing public to show: a leader raising their own maximum. */
            CONFIRMED,
            /** A repeat of a command that was accepted. */
            REPEATED
        }

        static Answer rejected(RejectionReason reason, Long minimumBidCents) {
            return new Answer(Kind.REJECTED, reason, minimumBidCents);
        }
    }

    /** What one command did: its public events, in order, and the private answer, if any. */
    public record Result(List<AuctionEvent> events, Answer answer) {

        static Result publicly(List<AuctionEvent> events) {
            return new Result(events, null);
        }

        static Result privately(Answer answer) {
            return new Result(List.of(), answer);
        }
    }

    private static final long MIN_PRICE = 1;
    private static final long MAX_PRICE = 100_000_000_000L;
    private static final long DEFAULT_SOFT_CLOSE_MS = 10_000;

    private final Map<String, Lot> lots = new HashMap<>();
    private final Map<List<String>, Remembered> remembered = new HashMap<>();

    /** A command already decided, and what its issuer was told privately: nothing if its events told them. */
    private record Remembered(AuctionCommand command, Answer answer) {}

    /** One auction, private parts included. */
    private static final class Lot {
        String id;
        String title;
        String description;
        UserRef seller;
        AuctionMode mode;
        long startingPrice;
        Long reserve;
        Long buyNowPrice;
        long softCloseMs;
        Long maxExtensionMs;
        Instant createdAt;
        Instant originalEnd;
        Instant end;
        boolean ended;
        Long price;
        UserRef leader;
        long leaderMax;
        int bids;
        long seq;
        Outcome outcome;
        UserRef winner;
        Long finalPrice;
        Instant endedAt;
        /** The users a moderator removed from bidding here. */
        final Set<String> removed = new HashSet<>();

        boolean openAt(Instant time) {
            return !ended && time.isBefore(end);
        }

        boolean reserveMet() {
            return reserve == null || (price != null && price >= reserve);
        }
    }

    /**
     * The bid increment of the rules: under 1.00 bids rise by 0.05; from 1 by 1; from 30 by 2; from 50 by 3; from 100
     * by 5; from 300 by 10; from 1000 by 20; from 2000 by 50.
     */
    public static long increment(long priceCents) {
        if (priceCents < 100) {
            return 5;
        } else if (priceCents < 3_000) {
            return 100;
        } else if (priceCents < 5_000) {
            return 200;
        } else if (priceCents < 10_000) {
            return 300;
        } else if (priceCents < 30_000) {
            return 500;
        } else if (priceCents < 100_000) {
            return 1_000;
        } else if (priceCents < 200_000) {
            return 2_000;
        }
        return 5_000;
    }

    /** The lowest bid {@code auctionId} accepts now, or null if there is no such auction. */
    public Long minimumBid(String auctionId) {
        Lot lot = lots.get(auctionId);
        return lot == null ? null : minimum(lot);
    }

    /** The current end of {@code auctionId}, or null if there is no such auction. */
    public Instant endOf(String auctionId) {
        Lot lot = lots.get(auctionId);
        return lot == null ? null : lot.end;
    }

    /** The public snapshot of {@code auctionId}, or null if there is no such auction. */
    public AuctionView snapshot(String auctionId) {
        Lot lot = lots.get(auctionId);
        return lot == null ? null : view(lot);
    }

    /** The auctions whose close is due at {@code now}: open, and past their end by at least {@code grace}. */
    public Set<String> dueForClose(Instant now, Duration grace) {
        return lots.values().stream()
                .filter(lot -> !lot.ended && !lot.end.plus(grace).isAfter(now))
                .map(lot -> lot.id)
                .collect(Collectors.toSet());
    }

    /** Decides {@code command}, a user's or a close, against the auctions as they stand. */
    public Result handle(AuctionCommand command) {
        if (command instanceof GatewayWatermark) {
            // A gateway's progress may only change when an auction is closed, never what any command decides.
            return Result.publicly(List.of());
        }
        if (command instanceof CloseAuction close) {
            return Result.publicly(close(lots.get(close.auctionId()), close));
        }
        List<String> key = List.of(command.auctionId(), command.commandId());
        Remembered earlier = remembered.get(key);
        Lot lot = lots.get(command.auctionId());
        if (earlier != null) {
            return Result.privately(repeat(earlier, command, lot));
        }
        Result result = decide(lot, command);
        // Outcomes are remembered as long as their auction is kept: a command addressed to no auction has nothing
        // to keep it by, so a repeat of it is decided again.
        if (lot != null || lots.containsKey(command.auctionId())) {
            remembered.put(key, new Remembered(command, result.answer()));
        }
        return result;
    }

    private Answer repeat(Remembered earlier, AuctionCommand command, Lot lot) {
        if (!sameRequest(earlier.command(), command)) {
            return Answer.rejected(RejectionReason.DUPLICATE_COMMAND_ID, currentMinimum(lot, command.receivedAt()));
        }
        Answer original = earlier.answer();
        boolean rejected = original != null && original.kind() == Answer.Kind.REJECTED;
        return rejected ? original : new Answer(Answer.Kind.REPEATED, null, null);
    }

    /** A retry is the same request whenever the gateway received it. */
    private static boolean sameRequest(AuctionCommand a, AuctionCommand b) {
        return Commands.resentAt(a, Instant.EPOCH).equals(Commands.resentAt(b, Instant.EPOCH));
    }

    private Result decide(Lot lot, AuctionCommand command) {
        if (command instanceof CreateAuction create) {
            return create(lot, create);
        }
        if (command instanceof PlaceBid bid) {
            return bid(lot, bid);
        }
        if (command instanceof BuyNow buy) {
            return buyNow(lot, buy);
        }
        if (command instanceof CancelAuction cancel) {
            return cancel(lot, cancel);
        }
        if (command instanceof ModerateAuction moderate) {
            return moderate(lot, moderate);
        }
        throw new IllegalArgumentException("the reference knows no " + command);
    }

    private Result create(Lot existing, CreateAuction create) {
        if (existing != null) {
            return reject(existing, create, RejectionReason.AUCTION_EXISTS);
        }
        if (!validAuction(create)) {
            return reject(null, create, RejectionReason.INVALID_AUCTION);
        }
        Lot lot = new Lot();
        lot.id = create.auctionId();
        lot.title = create.title();
        lot.description = create.description();
        lot.seller = create.seller();
        lot.mode = create.mode() == null ? AuctionMode.STANDARD : create.mode();
        lot.startingPrice = create.startingPriceCents();
        lot.reserve = create.reservePriceCents();
        lot.buyNowPrice = create.buyNowPriceCents();
        if (lot.mode == AuctionMode.SUDDEN_DEATH) {
            lot.softCloseMs = 0;
        } else {
            lot.softCloseMs = create.softCloseMs() == null ? DEFAULT_SOFT_CLOSE_MS : create.softCloseMs();
        }
        lot.maxExtensionMs = create.maxExtensionMs();
        lot.createdAt = create.receivedAt();
        lot.originalEnd = create.receivedAt().plusMillis(create.durationMs());
        lot.end = lot.originalEnd;
        lot.seq = 1;
        lots.put(lot.id, lot);
        return Result.publicly(
                List.of(new AuctionCreated(lot.id, 1, create.receivedAt(), create.commandId(), view(lot))));
    }

    /**
     * The create bounds: title 1..200, description at most 5000, prices 0.01..1e9, duration 5 s..7 days, reserve at
     * least the start, buy-now above the start and not below the reserve; a soft-close window of 0 (none) or 1 s..10
     * min, which sudden death, never extending, cannot have; an extension cap of 0..7 days.
     */
    private static boolean validAuction(CreateAuction create) {
        String title = create.title();
        boolean titleOk = title != null && !title.isBlank() && title.codePointCount(0, title.length()) <= 200;
        boolean descriptionOk = create.description() == null
                || create.description().codePointCount(0, create.description().length()) <= 5_000;
        long start = create.startingPriceCents();
        boolean durationOk = create.durationMs() >= 5_000
                && create.durationMs() <= Duration.ofDays(7).toMillis();
        Long reserve = create.reservePriceCents();
        boolean reserveOk = reserve == null || (reserve >= start && reserve <= MAX_PRICE);
        Long buyNow = create.buyNowPriceCents();
        boolean buyNowOk =
                buyNow == null || (buyNow > start && buyNow <= MAX_PRICE && (reserve == null || buyNow >= reserve));
        Long window = create.softCloseMs();
        boolean windowOk = window == null
                || window == 0
                || (create.mode() != AuctionMode.SUDDEN_DEATH && window >= 1_000 && window <= 600_000);
        Long cap = create.maxExtensionMs();
        boolean capOk = cap == null || (cap >= 0 && cap <= Duration.ofDays(7).toMillis());
        return titleOk
                && descriptionOk
                && inPriceRange(start)
                && durationOk
                && reserveOk
                && buyNowOk
                && windowOk
                && capOk;
    }

    private Result bid(Lot lot, PlaceBid bid) {
        if (lot == null) {
            return reject(null, bid, RejectionReason.AUCTION_NOT_FOUND);
        }
        if (!lot.openAt(bid.receivedAt())) {
            return reject(lot, bid, RejectionReason.AUCTION_ENDED);
        }
        if (lot.removed.contains(bid.bidder().id())) {
            return reject(lot, bid, RejectionReason.BIDDER_REMOVED);
        }
        if (sameUser(bid.bidder(), lot.seller)) {
            return reject(lot, bid, RejectionReason.SELF_BID);
        }
        Long amount = bid.amountCents();
        Long max = bid.maxAmountCents();
        boolean amountsOk = (amount != null || max != null)
                && (amount == null || inPriceRange(amount))
                && (max == null || inPriceRange(max))
                && (amount == null || max == null || amount <= max);
        if (!amountsOk) {
            return reject(lot, bid, RejectionReason.INVALID_AMOUNT);
        }
        long minimum = minimum(lot);
        long ceiling = max != null ? max : amount;
        if (lot.leader != null && sameUser(bid.bidder(), lot.leader)) {
            return raiseOwnMaximum(lot, bid, ceiling, minimum);
        }
        if (ceiling < minimum || (amount != null && amount < minimum)) {
            return reject(lot, bid, RejectionReason.BID_TOO_LOW);
        }
        // A bid never goes in below the amount it names; a proxy bid alone goes in at the minimum.
        long floor = amount != null ? amount : minimum;
        if (lot.leader == null) {
            lot.leader = bid.bidder();
            lot.leaderMax = ceiling;
            lot.price = floor;
        } else if (ceiling > lot.leaderMax) {
            long runnerUp = lot.leaderMax;
            lot.leader = bid.bidder();
            lot.leaderMax = ceiling;
            lot.price = Math.max(floor, Math.min(ceiling, runnerUp + increment(runnerUp)));
        } else {
            // The leader's proxy answers at once; on equal maxima the earlier bid keeps the lead.
            lot.price = Math.min(lot.leaderMax, ceiling + increment(ceiling));
        }
        liftToReserve(lot);
        // The history shows a leading bid at the price it stands at, and an outbid one at the most it offered.
        long shown = sameUser(lot.leader, bid.bidder()) ? lot.price : ceiling;
        return Result.publicly(placed(lot, bid, shown));
    }

    /** The leader may raise their own maximum; the price stays, unless the new maximum meets the reserve. */
    private Result raiseOwnMaximum(Lot lot, PlaceBid bid, long ceiling, long minimum) {
        if (ceiling <= lot.leaderMax) {
            return reject(lot, bid, RejectionReason.ALREADY_LEADING);
        }
        if (ceiling < minimum) {
            return reject(lot, bid, RejectionReason.BID_TOO_LOW);
        }
        lot.leaderMax = ceiling;
        long before = lot.price;
        liftToReserve(lot);
        if (lot.price == before) {
            return Result.privately(new Answer(Answer.Kind.CONFIRMED, null, null));
        }
        return Result.publicly(placed(lot, bid, lot.price));
    }

    private static void liftToReserve(Lot lot) {
        if (lot.reserve != null && lot.leaderMax >= lot.reserve && lot.price < lot.reserve) {
            lot.price = lot.reserve;
        }
    }

    /** Records an accepted public bid, and the soft-close extension it causes. */
    private static List<AuctionEvent> placed(Lot lot, PlaceBid bid, long shown) {
        lot.bids++;
        Instant previousEnd = lot.end;
        if (lot.mode == AuctionMode.STANDARD && lot.softCloseMs > 0) {
            Instant reset = bid.receivedAt().plusMillis(lot.softCloseMs);
            if (lot.maxExtensionMs != null) {
                Instant cap = lot.originalEnd.plusMillis(lot.maxExtensionMs);
                if (reset.isAfter(cap)) {
                    reset = cap;
                }
            }
            if (reset.isAfter(lot.end)) {
                lot.end = reset;
            }
        }
        List<AuctionEvent> events = new ArrayList<>();
        lot.seq++;
        events.add(new BidPlaced(
                lot.id,
                lot.seq,
                bid.receivedAt(),
                bid.commandId(),
                bid.bidder(),
                shown,
                lot.price,
                lot.leader,
                lot.bids,
                minimum(lot),
                lot.reserveMet(),
                lot.end));
        if (!lot.end.equals(previousEnd)) {
            lot.seq++;
            events.add(new AuctionExtended(lot.id, lot.seq, bid.receivedAt(), bid.commandId(), lot.end, previousEnd));
        }
        return events;
    }

    private Result buyNow(Lot lot, BuyNow buy) {
        if (lot == null) {
            return reject(null, buy, RejectionReason.AUCTION_NOT_FOUND);
        }
        if (!lot.openAt(buy.receivedAt())) {
            return reject(lot, buy, RejectionReason.AUCTION_ENDED);
        }
        if (lot.removed.contains(buy.buyer().id())) {
            return reject(lot, buy, RejectionReason.BIDDER_REMOVED);
        }
        if (sameUser(buy.buyer(), lot.seller)) {
            return reject(lot, buy, RejectionReason.SELF_BID);
        }
        if (lot.buyNowPrice == null || lot.bids > 0) {
            return reject(lot, buy, RejectionReason.BUY_NOW_UNAVAILABLE);
        }
        return Result.publicly(end(lot, buy.commandId(), buy.receivedAt(), Outcome.SOLD, buy.buyer(), lot.buyNowPrice));
    }

    private Result cancel(Lot lot, CancelAuction cancel) {
        if (lot == null) {
            return reject(null, cancel, RejectionReason.AUCTION_NOT_FOUND);
        }
        if (!lot.openAt(cancel.receivedAt())) {
            return reject(lot, cancel, RejectionReason.AUCTION_ENDED);
        }
        if (!sameUser(cancel.seller(), lot.seller)) {
            return reject(lot, cancel, RejectionReason.NOT_SELLER);
        }
        if (lot.bids > 0) {
            return reject(lot, cancel, RejectionReason.BIDS_PLACED);
        }
        return Result.publicly(end(lot, cancel.commandId(), cancel.receivedAt(), Outcome.CANCELLED, null, null));
    }

    /**
     * Only moderators and admins moderate, and only an auction open at the time of receipt. Ending is a close now;
     * cancelling ends with no winner whatever was bid; a removed user bids no more, but the leader cannot be removed.
     */
    private Result moderate(Lot lot, ModerateAuction moderate) {
        if (moderate.role() != Role.MODERATOR && moderate.role() != Role.ADMIN) {
            return reject(lot, moderate, RejectionReason.NOT_MODERATOR);
        }
        if (moderate.action() == null) {
            return reject(lot, moderate, RejectionReason.INVALID_MODERATION);
        }
        if (lot == null) {
            return reject(null, moderate, RejectionReason.AUCTION_NOT_FOUND);
        }
        if (!lot.openAt(moderate.receivedAt())) {
            return reject(lot, moderate, RejectionReason.AUCTION_ENDED);
        }
        Instant now = moderate.receivedAt();
        switch (moderate.action()) {
            case CANCEL -> {
                return Result.publicly(end(lot, moderate.commandId(), now, Outcome.CANCELLED, null, null));
            }
            case END -> {
                return Result.publicly(endWithTheLeader(lot, moderate.commandId(), now));
            }
            default -> {
                String bidder = moderate.bidderId();
                if (bidder == null || bidder.isBlank()) {
                    return reject(lot, moderate, RejectionReason.INVALID_MODERATION);
                }
                if (lot.leader != null && lot.leader.id().equals(bidder)) {
                    return reject(lot, moderate, RejectionReason.BIDDER_LEADS);
                }
                lot.removed.add(bidder);
                return Result.privately(new Answer(Answer.Kind.CONFIRMED, null, null));
            }
        }
    }

    /** A close ends the auction at its end, unless the end has moved past the time the close was requested. */
    private static List<AuctionEvent> close(Lot lot, CloseAuction close) {
        if (lot == null || lot.ended || lot.end.isAfter(close.receivedAt())) {
            return List.of();
        }
        return endWithTheLeader(lot, close.commandId(), lot.end);
    }

    private static List<AuctionEvent> endWithTheLeader(Lot lot, String commandId, Instant at) {
        if (lot.bids == 0) {
            return end(lot, commandId, at, Outcome.UNSOLD, null, null);
        }
        if (!lot.reserveMet()) {
            return end(lot, commandId, at, Outcome.RESERVE_NOT_MET, null, null);
        }
        return end(lot, commandId, at, Outcome.SOLD, lot.leader, lot.price);
    }

    private static List<AuctionEvent> end(
            Lot lot, String commandId, Instant at, Outcome outcome, UserRef winner, Long finalPrice) {
        lot.ended = true;
        lot.seq++;
        lot.outcome = outcome;
        lot.winner = winner;
        lot.finalPrice = finalPrice;
        lot.endedAt = at;
        return List.of(new AuctionEnded(lot.id, lot.seq, at, commandId, outcome, winner, finalPrice, lot.bids));
    }

    /** Every rejection tells the current minimum bid, while the auction is open. */
    private static Result reject(Lot lot, AuctionCommand command, RejectionReason reason) {
        return Result.privately(Answer.rejected(reason, currentMinimum(lot, command.receivedAt())));
    }

    private static Long currentMinimum(Lot lot, Instant at) {
        return lot != null && lot.openAt(at) ? minimum(lot) : null;
    }

    private static long minimum(Lot lot) {
        return lot.price == null ? lot.startingPrice : lot.price + increment(lot.price);
    }

    private static boolean inPriceRange(long cents) {
        return cents >= MIN_PRICE && cents <= MAX_PRICE;
    }

    private static boolean sameUser(UserRef a, UserRef b) {
        return Objects.equals(a.id(), b.id());
    }

    private static AuctionView view(Lot lot) {
        return new AuctionView(
                lot.id,
                lot.title,
                lot.description,
                lot.seller,
                lot.mode,
                lot.startingPrice,
                lot.buyNowPrice,
                lot.reserve != null,
                lot.reserveMet(),
                lot.softCloseMs,
                lot.maxExtensionMs,
                lot.price,
                lot.leader,
                lot.bids,
                minimum(lot),
                lot.ended ? AuctionStatus.ENDED : AuctionStatus.OPEN,
                lot.createdAt,
                lot.end,
                lot.seq,
                lot.outcome,
                lot.winner,
                lot.finalPrice,
                lot.endedAt);
    }
}
