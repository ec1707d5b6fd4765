package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Users.ALICE;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static dev.gavel.processor.fixtures.Users.DAVE;
import static dev.gavel.processor.fixtures.Users.MIA;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.BuyNow;
import dev.gavel.events.AuctionCommand.CancelAuction;
import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.ModerateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidIncrements;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.ModerationAction;
import dev.gavel.events.Role;
import dev.gavel.events.UserRef;
import dev.gavel.processor.fixtures.Commands;
import dev.gavel.processor.reference.ReferenceAuctions;
import dev.gavel.processor.reference.ReferenceAuctions.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A random live session of a few auctions: users create, bid around the current minimum, buy now, cancel and retry
 * commands, a moderator ends, cancels and removes bidders, closes arrive at random times, and the wall clock moves so
 * that the punctuator ends auctions. Each step is played against the engine and the {@link ReferenceAuctions
 * reference} together; what the reference answers is also what the next generated amounts are measured from.
 */
final class RandomSession {

    static final Instant START = Instant.parse("2030-03-01T18:00:00Z");

    /**
     * The punctuator runs on every move of the wall clock, so that the reference can tell exactly when a close is due.
     * Ended auctions outlive any session: expiry has its own tests.
     */
    static final EngineSettings SETTINGS = new EngineSettings(
            BidIncrements.DEFAULT,
            Duration.ofMillis(1),
            EngineDriver.CLOSE_GRACE,
            EngineDriver.GATEWAY_TIMEOUT,
            Duration.ofDays(1),
            true,
            TopicNames.LIVE);

    private static final List<UserRef> USERS = List.of(ALICE, BOB, CAROL, DAVE);

    /** Auctions 0 to 2 are opened first; this one only if a later step creates it. */
    private static final int LATE_AUCTION = 3;

    /** One move of a session: the wall clock moves, then one user or close command arrives, received a little late. */
    record Step(Action action, long advanceMs, long lagMs) {}

    /**
     * One exchange with the engine: the commands it decided, what it published, and what the reference expects. When
     * the wall clock moved, the commands are the closes the engine requested, and {@code closesDue} the auctions the
     * reference says were due then; otherwise it is null.
     */
    record Exchange(
            List<AuctionCommand> commands, Published published, Expected expected, Instant at, Set<String> closesDue) {}

    record Published(
            List<AuctionEvent> events,
            List<BidderNotice> notices,
            List<KeyValue<String, AuctionView>> states,
            List<TestRecord<String, byte[]>> deadLetters) {}

    /** One answer per command that must be told privately, with the command it answers. */
    record Expected(
            List<AuctionEvent> events,
            List<KeyValue<String, ReferenceAuctions.Answer>> answers,
            List<KeyValue<String, AuctionView>> states) {}

    private final EngineDriver engine;
    private final ReferenceAuctions reference = new ReferenceAuctions();
    private final List<AuctionCommand> sentByUsers = new ArrayList<>();
    private Instant clock = START;
    private int ids;

    RandomSession(EngineDriver engine) {
        this.engine = engine;
    }

    /** Plays {@code step}: first the closes the moved clock makes due, if any, then the step's command, if any. */
    List<Exchange> play(Step step) {
        List<Exchange> exchanges = new ArrayList<>(2);
        if (step.advanceMs() > 0) {
            clock = clock.plusMillis(step.advanceMs());
            Set<String> due = reference.dueForClose(clock, EngineDriver.CLOSE_GRACE);
            engine.advanceWallClockTo(clock);
            exchanges.add(exchange(engine.requestedCommands(), due));
        }
        AuctionCommand command = step.action().command(this, clock.minusMillis(step.lagMs()));
        if (command != null) {
            engine.send(command);
            if (command.issuer() != null) {
                sentByUsers.add(command);
            }
            exchanges.add(exchange(List.of(command), null));
        }
        return exchanges;
    }

    private Exchange exchange(List<AuctionCommand> commands, Set<String> closesDue) {
        Published published = new Published(engine.events(), engine.notices(), engine.states(), engine.deadLetters());
        List<AuctionEvent> events = new ArrayList<>();
        List<KeyValue<String, ReferenceAuctions.Answer>> answers = new ArrayList<>();
        List<KeyValue<String, AuctionView>> states = new ArrayList<>();
        for (AuctionCommand command : commands) {
            Result result = reference.handle(command);
            events.addAll(result.events());
            if (result.answer() != null) {
                answers.add(KeyValue.pair(command.commandId(), result.answer()));
            }
            if (!result.events().isEmpty()) {
                states.add(KeyValue.pair(command.auctionId(), reference.snapshot(command.auctionId())));
            }
        }
        return new Exchange(commands, published, new Expected(events, answers, states), clock, closesDue);
    }

    private String nextId(String kind) {
        return kind + "-" + ++ids;
    }

    private static String auctionId(int auction) {
        return "lot-" + auction;
    }

    /** What a step does, decided against the session as it stands. */
    interface Action {
        /** The command to send, received at {@code at}; null when there is nothing to do. */
        AuctionCommand command(RandomSession session, Instant at);
    }

    /** When and how an auction ends. */
    record Timing(AuctionMode mode, Long softCloseMs, Long maxExtensionMs, long durationMs) {}

    /** What makes a create invalid, if anything: one broken bound at a time. */
    enum Flaw {
        NONE,
        NO_PRICE,
        TOO_SHORT,
        RESERVE_BELOW_START,
        BUY_NOW_AT_START,
        BUY_NOW_BELOW_RESERVE,
        WINDOW_IN_SUDDEN_DEATH,
        WINDOW_TOO_SHORT,
        RESERVE_ABOVE_MAX
    }

    /**
     * A create with a reserve and a buy-now price measured from the starting price, the buy-now above the reserve;
     * valid unless it has a {@link Flaw}.
     */
    record Create(
            int auction,
            int seller,
            long startingPrice,
            Long reserveOffset,
            Long buyNowOffset,
            Timing timing,
            Flaw flaw)
            implements Action {
        @Override
        public AuctionCommand command(RandomSession session, Instant at) {
            long start = flaw == Flaw.NO_PRICE ? 0 : startingPrice;
            Long reserve = reserveOffset == null ? null : start + reserveOffset;
            Long buyNow = buyNowOffset == null ? null : (reserve == null ? start : reserve) + buyNowOffset;
            Long window = timing.mode() == AuctionMode.SUDDEN_DEATH && timing.softCloseMs() != null
                    ? Long.valueOf(0)
                    : timing.softCloseMs();
            long duration = timing.durationMs();
            switch (flaw) {
                case TOO_SHORT -> duration = 4_999;
                case RESERVE_BELOW_START -> reserve = start - 1;
                case BUY_NOW_AT_START -> buyNow = start;
                case BUY_NOW_BELOW_RESERVE -> {
                    reserve = start + 1_000;
                    buyNow = start + 999;
                }
                case WINDOW_IN_SUDDEN_DEATH -> window = 3_000L;
                case WINDOW_TOO_SHORT -> window = 999L;
                case RESERVE_ABOVE_MAX -> reserve = 100_000_000_001L;
                default -> {}
            }
            AuctionMode mode = flaw == Flaw.WINDOW_IN_SUDDEN_DEATH ? AuctionMode.SUDDEN_DEATH : timing.mode();
            return new CreateAuction(
                    session.nextId("create"),
                    auctionId(auction),
                    at,
                    USERS.get(seller),
                    "Lot " + auction,
                    "Random session lot",
                    start,
                    duration,
                    reserve,
                    buyNow,
                    mode,
                    window,
                    timing.maxExtensionMs());
        }
    }

    enum BidKind {
        PLAIN,
        PROXY,
        BOTH
    }

    /**
     * A bid {@code steps} increments (and {@code cents}) from the current minimum; its maximum {@code maxSteps}
     * increments above that. Negative steps make bids that are too low, or amounts above their maximum.
     */
    record Bid(int auction, int bidder, BidKind kind, int steps, int cents, int maxSteps) implements Action {
        @Override
        public AuctionCommand command(RandomSession session, Instant at) {
            Long current = session.reference.minimumBid(auctionId(auction));
            long minimum = current == null ? 1_000 : current;
            long increment = ReferenceAuctions.increment(minimum);
            long amount = minimum + steps * increment + cents;
            long max = amount + maxSteps * increment;
            return new PlaceBid(
                    session.nextId("bid"),
                    auctionId(auction),
                    at,
                    USERS.get(bidder),
                    kind == BidKind.PROXY ? null : amount,
                    kind == BidKind.PLAIN ? null : max);
        }
    }

    record BuyItNow(int auction, int buyer) implements Action {
        @Override
        public AuctionCommand command(RandomSession session, Instant at) {
            return new BuyNow(session.nextId("buy"), auctionId(auction), at, USERS.get(buyer));
        }
    }

    record Cancel(int auction, int user) implements Action {
        @Override
        public AuctionCommand command(RandomSession session, Instant at) {
            return new CancelAuction(session.nextId("cancel"), auctionId(auction), at, USERS.get(user));
        }
    }

    /** A moderator's action, now and then by someone who may not moderate, or without what it needs. */
    record Moderate(int auction, Role role, ModerationAction action, Integer bidder) implements Action {
        @Override
        public AuctionCommand command(RandomSession session, Instant at) {
            String bidderId = bidder == null ? null : USERS.get(bidder).id();
            return new ModerateAuction(session.nextId("moderate"), auctionId(auction), at, MIA, role, action, bidderId);
        }
    }

    /**
     * A close requested {@code offsetMs} after the auction's current end, but not after the session's clock, as the
     * processor writes them: before the end, as one that a late bid made stale; at or after it, as one whose grace
     * was cut short.
     */
    record Close(int auction, long offsetMs) implements Action {
        @Override
        public AuctionCommand command(RandomSession session, Instant at) {
            Instant end = session.reference.endOf(auctionId(auction));
            Instant requested = end == null || end.plusMillis(offsetMs).isAfter(session.clock)
                    ? session.clock
                    : end.plusMillis(offsetMs);
            return new CloseAuction(session.nextId("close"), auctionId(auction), requested);
        }
    }

    /** A user command sent again with its id: the same request, or another one reusing the id. */
    record Repeat(int pick, boolean sameRequest) implements Action {
        @Override
        public AuctionCommand command(RandomSession session, Instant at) {
            List<AuctionCommand> sent = session.sentByUsers;
            if (sent.isEmpty()) {
                return null;
            }
            AuctionCommand original = sent.get(pick % sent.size());
            if (sameRequest) {
                return Commands.resentAt(original, at);
            }
            if (original instanceof PlaceBid bid && bid.amountCents() != null) {
                return new PlaceBid(
                        bid.commandId(),
                        bid.auctionId(),
                        at,
                        bid.bidder(),
                        bid.amountCents() + 1,
                        bid.maxAmountCents());
            }
            return new PlaceBid(original.commandId(), original.auctionId(), at, original.issuer(), 5_000L, null);
        }
    }

    /**
     * Sessions of 20 to 80 steps after the first three auctions are opened. A fourth auction may be created later, so
     * that some commands arrive before their auction exists.
     */
    static Arbitrary<List<Step>> sessions() {
        Arbitrary<List<Step>> openings =
                Combinators.combine(opening(0), opening(1), opening(2)).as(List::of);
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(1, creates(Arbitraries.integers().between(0, LATE_AUCTION), 0.3)),
                Tuple.of(16, bids()),
                Tuple.of(1, buyNows()),
                Tuple.of(1, cancels()),
                Tuple.of(2, moderations()),
                Tuple.of(2, closes()),
                Tuple.of(3, repeats()));
        // About 35 s a session: the auctions' lives, and some ends, fall inside it.
        Arbitrary<Long> advance = Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.just(0L)),
                Tuple.of(64, Arbitraries.longs().between(1, 600)),
                Tuple.of(6, Arbitraries.longs().between(2_000, 15_000)));
        Arbitrary<Long> lag = Arbitraries.longs().between(0, 600);
        Arbitrary<List<Step>> bodies = Combinators.combine(action, advance, lag)
                .as(Step::new)
                .list()
                .ofMinSize(20)
                .ofMaxSize(80)
                .withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(openings, bodies).as((first, rest) -> {
            List<Step> steps = new ArrayList<>(first);
            steps.addAll(rest);
            return steps;
        });
    }

    private static Arbitrary<Step> opening(int auction) {
        return creates(Arbitraries.just(auction), 0.05).map(create -> new Step(create, 0, 0));
    }

    /** Mostly the auctions opened first; now and then the one that may not exist yet. */
    private static Arbitrary<Integer> auctions() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, LATE_AUCTION - 1)),
                Tuple.of(1, Arbitraries.just(LATE_AUCTION)));
    }

    private static Arbitrary<Integer> users() {
        return Arbitraries.integers().between(0, USERS.size() - 1);
    }

    private static Arbitrary<Action> creates(Arbitrary<Integer> auction, double flawed) {
        // Starting prices on both sides of every increment band, and the top of the price range.
        Arbitrary<Long> start = Arbitraries.of(
                1L,
                5L,
                95L,
                100L,
                2_950L,
                3_000L,
                4_900L,
                5_000L,
                9_900L,
                10_000L,
                29_500L,
                30_000L,
                99_000L,
                100_000L,
                198_000L,
                200_000L,
                99_999_990_000L);
        Arbitrary<Long> reserveOffset =
                Arbitraries.of(0L, 500L, 3_000L, 20_000L).injectNull(0.6);
        Arbitrary<Long> buyNowOffset = Arbitraries.of(1L, 2_000L, 50_000L).injectNull(0.6);
        Arbitrary<Timing> timing = Combinators.combine(
                        Arbitraries.of(AuctionMode.class).injectNull(0.3),
                        Arbitraries.of(0L, 1_000L, 3_000L, 10_000L).injectNull(0.4),
                        Arbitraries.of(0L, 2_000L, 15_000L).injectNull(0.5),
                        Arbitraries.longs().between(5_000, 60_000))
                .as(Timing::new);
        Arbitrary<Flaw> flaw = Arbitraries.frequencyOf(
                Tuple.of((int) Math.round(100 * (1 - flawed)), Arbitraries.just(Flaw.NONE)),
                Tuple.of((int) Math.round(100 * flawed), Arbitraries.of(Flaw.class)));
        return Combinators.combine(auction, users(), start, reserveOffset, buyNowOffset, timing, flaw)
                .as(Create::new);
    }

    private static Arbitrary<Action> bids() {
        Arbitrary<Integer> cents = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(0)), Tuple.of(1, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.just(1)));
        return Combinators.combine(
                        auctions(),
                        users(),
                        Arbitraries.of(BidKind.class),
                        Arbitraries.integers().between(-2, 8),
                        cents,
                        Arbitraries.integers().between(-1, 30))
                .as(Bid::new);
    }

    private static Arbitrary<Action> buyNows() {
        return Combinators.combine(auctions(), users()).as(BuyItNow::new);
    }

    private static Arbitrary<Action> cancels() {
        return Combinators.combine(auctions(), users()).as(Cancel::new);
    }

    /** Mostly removals, so that removed users bid again; an end or a cancel ends an auction for the rest. */
    private static Arbitrary<Action> moderations() {
        Arbitrary<Role> role = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Role.MODERATOR)),
                Tuple.of(2, Arbitraries.just(Role.ADMIN)),
                Tuple.of(1, Arbitraries.just(Role.SELLER)),
                Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<ModerationAction> action = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(ModerationAction.REMOVE_BIDDER)),
                Tuple.of(2, Arbitraries.just(ModerationAction.END)),
                Tuple.of(2, Arbitraries.just(ModerationAction.CANCEL)),
                Tuple.of(1, Arbitraries.just(null)));
        return Combinators.combine(auctions(), role, action, users().injectNull(0.1))
                .as(Moderate::new);
    }

    private static Arbitrary<Action> closes() {
        return Combinators.combine(auctions(), Arbitraries.longs().between(-3_000, 500))
                .as(Close::new);
    }

    private static Arbitrary<Action> repeats() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1_000),
                        Arbitraries.frequencyOf(
                                Tuple.of(7, Arbitraries.just(true)), Tuple.of(3, Arbitraries.just(false))))
                .as(Repeat::new);
    }
}
