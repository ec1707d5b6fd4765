package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Users.ALICE;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static dev.gavel.processor.fixtures.Users.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowNotice;
import dev.gavel.events.ShowNotice.ShowCommandRejected;
import dev.gavel.events.UserRef;
import dev.gavel.processor.reference.ReferenceAuctions;
import dev.gavel.processor.reference.ReferenceShows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsCoverage;
import org.assertj.core.api.SoftAssertions;

/**
 * The show engine and the auctions' engine together, driven through their topics, against independent references of
 * both ({@link ReferenceShows}, {@link ReferenceAuctions}): random shows whose host adds, removes, moves and runs lots,
 * whose viewers pre-bid and bid, with the wall clock moving so that lots end, must publish exactly the show events and
 * lot auction events the references publish, and tell every issuer of a show command what the reference tells them.
 */
class ShowEngineMatchesReferenceTest {

    private static final String OUTCOMES = "show outcomes";
    private static final String SHOW = "show-a";
    private static final List<UserRef> USERS = List.of(ALICE, BOB, CAROL, DAVE);

    /** The refusals a random session reaches; a full lineup (500 lots) is left to the rules' tests. */
    private static final Set<RejectionReason> REACHED = EnumSet.of(
            RejectionReason.SHOW_EXISTS,
            RejectionReason.SHOW_NOT_FOUND,
            RejectionReason.INVALID_SHOW,
            RejectionReason.NOT_HOST,
            RejectionReason.SHOW_NOT_LIVE,
            RejectionReason.SHOW_ENDED,
            RejectionReason.LOT_NOT_FOUND,
            RejectionReason.INVALID_LOT,
            RejectionReason.LOT_NOT_AVAILABLE,
            RejectionReason.LOT_RUNNING,
            RejectionReason.SELF_BID,
            RejectionReason.BID_TOO_LOW);

    /** One move: the wall clock moves by {@code advanceMs}, then {@code action} happens, if any. */
    record Step(Action action, long advanceMs) {}

    /** What a user does, decided against the session as it stands. */
    sealed interface Action {}

    record Create(boolean otherShow, boolean blankTitle) implements Action {}

    record AddLot(int user, long startCents, boolean withReserve, boolean flawed) implements Action {}

    record RemoveLot(int user, int lotNo) implements Action {}

    record MoveLot(int user, int lotNo, int position) implements Action {}

    record Start(int user) implements Action {}

    record Run(int user, int lotNo, long durationMs) implements Action {}

    record PreBid(int user, int lotNo, long maxCents, boolean toUnknownShow) implements Action {}

    /** A bid at the running lot's minimum, by a user. */
    record Bid(int user) implements Action {}

    record End(int user) implements Action {}

    @Provide
    Arbitrary<List<Step>> sessions() {
        // Mostly the host, so that shows get far; sometimes someone else, who is refused.
        Arbitrary<Integer> user = Arbitraries.frequencyOf(
                Tuple.of(7, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 3)));
        Arbitrary<Integer> viewer = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> lotNo = Arbitraries.integers().between(1, 4);
        // An early end is rare: every session ends its show last.
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(
                        10,
                        Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(false, false, true))
                                .as(Create::new)),
                Tuple.of(
                        50,
                        Combinators.combine(
                                        user,
                                        Arbitraries.of(1_000L, 2_500L),
                                        Arbitraries.of(false, false, false, true),
                                        Arbitraries.of(false, false, false, false, true))
                                .as(AddLot::new)),
                Tuple.of(20, Combinators.combine(user, lotNo).as(RemoveLot::new)),
                Tuple.of(
                        20,
                        Combinators.combine(user, lotNo, Arbitraries.integers().between(-1, 5))
                                .as(MoveLot::new)),
                Tuple.of(60, user.map(Start::new)),
                Tuple.of(
                        90,
                        Combinators.combine(user, lotNo, Arbitraries.of(5_000L, 8_000L, 4_000L))
                                .as(Run::new)),
                Tuple.of(
                        90,
                        Combinators.combine(
                                        viewer,
                                        lotNo,
                                        Arbitraries.of(900L, 1_000L, 2_000L, 2_600L, 4_100L, 6_000L),
                                        Arbitraries.of(false, false, false, false, false, false, true))
                                .as(PreBid::new)),
                Tuple.of(60, viewer.map(Bid::new)),
                Tuple.of(1, user.map(End::new)));
        Arbitrary<Long> advance = Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.just(0L)),
                Tuple.of(40, Arbitraries.longs().between(1, 1_500)),
                Tuple.of(20, Arbitraries.longs().between(5_000, 9_000)));
        Arbitrary<List<Step>> body = Combinators.combine(action, advance)
                .as(Step::new)
                .list()
                .ofMinSize(20)
                .ofMaxSize(60);
        return body.map(steps -> {
            List<Step> session = new ArrayList<>();
            session.add(new Step(new Create(false, false), 0));
            session.add(new Step(new AddLot(0, 1_000L, false, false), 0));
            session.add(new Step(new AddLot(0, 2_500L, true, false), 0));
            session.addAll(steps);
            session.add(new Step(new End(0), 10_000));
            return session;
        });
    }

    @Property(tries = 80, edgeCases = EdgeCasesMode.NONE)
    void showEngineDecidesEveryCommandAsTheReferencesDo(@ForAll("sessions") List<Step> steps) {
        try (EngineDriver engine = new EngineDriver(RandomSession.SETTINGS, RandomSession.START)) {
            Session session = new Session(engine);
            for (int i = 0; i < steps.size(); i++) {
                session.play(steps.get(i), "step " + i + " " + steps.get(i));
            }
        }
        Statistics.label(OUTCOMES).coverage(ShowEngineMatchesReferenceTest::requireEveryOutcome);
    }

    private static void requireEveryOutcome(StatisticsCoverage coverage) {
        Stream.concat(
                        Stream.of(
                                "lot-added",
                                "lot-removed",
                                "lot-moved",
                                "show-started",
                                "lot-started",
                                "lot-ended",
                                "show-ended",
                                "pre-bid taken",
                                "pre-bid placed"),
                        REACHED.stream().map(RejectionReason::name))
                .forEach(outcome -> coverage.check(outcome).count(count -> count > 0));
    }

    /** One random session against the engine and the two references together. */
    private static final class Session {

        private final EngineDriver engine;
        private final ReferenceShows shows = new ReferenceShows();
        private final ReferenceAuctions auctions = new ReferenceAuctions();
        private Instant clock = RandomSession.START;
        private int ids;

        Session(EngineDriver engine) {
            this.engine = engine;
        }

        void play(Step step, String context) {
            if (step.advanceMs() > 0) {
                clock = clock.plusMillis(step.advanceMs());
                engine.advanceWallClockTo(clock);
                lotsThatEnded(context);
            }
            ShowCommand command = command(step.action());
            if (command != null) {
                engine.send(command);
                decided(command, context);
            } else if (step.action() instanceof Bid bid) {
                String auctionId = shows.runningAuction(SHOW);
                Long minimum = auctionId == null ? null : auctions.minimumBid(auctionId);
                if (minimum != null) {
                    AuctionCommand placed = new AuctionCommand.PlaceBid(
                            nextId(), auctionId, clock, USERS.get(bid.user()), minimum, null);
                    engine.send(placed);
                    assertSame(context, engine.events(), auctions.handle(placed).events());
                }
            }
        }

        /** A show command and what it opened, if it ran a lot: the lot's auction and its pre-bids. */
        private void decided(ShowCommand command, String context) {
            ReferenceShows.Result expected = shows.handle(command);
            List<AuctionEvent> lotEvents = new ArrayList<>();
            for (AuctionCommand lotCommand : expected.lotCommands()) {
                lotEvents.addAll(auctions.handle(lotCommand).events());
                if (lotCommand instanceof AuctionCommand.PlaceBid) {
                    Statistics.label(OUTCOMES).collect("pre-bid placed");
                }
            }
            List<ShowEvent> published = engine.showEvents();
            List<ShowNotice> notices = engine.showNotices();
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(published).as(context + ": show events").isEqualTo(expected.events());
            softly.assertThat(engine.events())
                    .as(context + ": the lot's auction")
                    .isEqualTo(lotEvents);
            if (expected.rejection() != null) {
                softly.assertThat(notices)
                        .as(context + ": refusal")
                        .singleElement()
                        .isInstanceOfSatisfying(
                                ShowCommandRejected.class,
                                rejected -> assertThat(rejected.reason()).isEqualTo(expected.rejection()));
                Statistics.label(OUTCOMES).collect(expected.rejection().name());
            } else if (expected.confirmed()) {
                softly.assertThat(notices)
                        .as(context + ": private confirmation")
                        .singleElement()
                        .isInstanceOf(ShowNotice.ShowCommandConfirmed.class);
                Statistics.label(OUTCOMES).collect("pre-bid taken");
            } else {
                softly.assertThat(notices).as(context + ": no private answer").isEmpty();
            }
            softly.assertAll();
            expected.events().forEach(event -> Statistics.label(OUTCOMES).collect(event.eventType()));
        }

        /**
         * The wall clock moved: the closes the engine requested end lots' auctions as the auctions' reference says,
         * and each end of a lot's auction comes back to the show as the show's reference says.
         */
        private void lotsThatEnded(String context) {
            List<AuctionEvent> expectedEnds = new ArrayList<>();
            for (AuctionCommand close : engine.requestedCommands()) {
                expectedEnds.addAll(auctions.handle(close).events());
            }
            assertSame(context + ": closes", engine.events(), expectedEnds);
            List<ShowCommand> told = engine.requestedShowCommands();
            assertThat(told)
                    .as(context + ": the ends told to the show")
                    .extracting(tellsEnd -> ((ShowCommand.LotAuctionEnded) tellsEnd).auctionId())
                    .containsExactlyElementsOf(expectedEnds.stream()
                            .filter(AuctionEnded.class::isInstance)
                            .map(AuctionEvent::auctionId)
                            .toList());
            List<ShowEvent> expected = new ArrayList<>();
            for (ShowCommand end : told) {
                ShowCommand.LotAuctionEnded ended = (ShowCommand.LotAuctionEnded) end;
                AuctionEnded auctionEnded = expectedEnds.stream()
                        .filter(AuctionEnded.class::isInstance)
                        .map(AuctionEnded.class::cast)
                        .filter(event -> event.auctionId().equals(ended.auctionId()))
                        .findFirst()
                        .orElseThrow();
                assertThat(List.of(
                                ended.outcome(),
                                String.valueOf(ended.winner()),
                                String.valueOf(ended.finalPriceCents())))
                        .as(context + ": what the show is told of " + ended.auctionId())
                        .isEqualTo(List.of(
                                auctionEnded.outcome(),
                                String.valueOf(auctionEnded.winner()),
                                String.valueOf(auctionEnded.finalPriceCents())));
                ReferenceShows.Result result = shows.handle(ended);
                expected.addAll(result.events());
                result.events().forEach(event -> Statistics.label(OUTCOMES).collect(event.eventType()));
            }
            assertThat(engine.showEvents()).as(context + ": lots ended").isEqualTo(expected);
        }

        private static void assertSame(String context, List<AuctionEvent> published, List<AuctionEvent> expected) {
            assertThat(published).as(context).isEqualTo(expected);
        }

        private ShowCommand command(Action action) {
            if (action instanceof Create create) {
                return new ShowCommand.CreateShow(
                        nextId(),
                        create.otherShow() ? "show-b" : SHOW,
                        clock,
                        ALICE,
                        create.blankTitle() ? " " : "Spring drop",
                        clock.plusSeconds(60));
            }
            if (action instanceof AddLot add) {
                return new ShowCommand.AddLot(
                        nextId(),
                        SHOW,
                        clock,
                        USERS.get(add.user()),
                        "Lot",
                        null,
                        add.startCents(),
                        add.withReserve() ? add.startCents() + 1_500 : null,
                        add.flawed() ? add.startCents() : null);
            }
            if (action instanceof RemoveLot remove) {
                return new ShowCommand.RemoveLot(nextId(), SHOW, clock, USERS.get(remove.user()), remove.lotNo());
            }
            if (action instanceof MoveLot move) {
                return new ShowCommand.MoveLot(
                        nextId(), SHOW, clock, USERS.get(move.user()), move.lotNo(), move.position());
            }
            if (action instanceof Start start) {
                return new ShowCommand.StartShow(nextId(), SHOW, clock, USERS.get(start.user()));
            }
            if (action instanceof Run run) {
                return new ShowCommand.RunLot(
                        nextId(), SHOW, clock, USERS.get(run.user()), run.lotNo(), run.durationMs(), null, null, null);
            }
            if (action instanceof PreBid preBid) {
                return new ShowCommand.PlacePreBid(
                        nextId(),
                        preBid.toUnknownShow() ? "show-z" : SHOW,
                        clock,
                        USERS.get(preBid.user()),
                        preBid.lotNo(),
                        preBid.maxCents());
            }
            if (action instanceof End end) {
                return new ShowCommand.EndShow(nextId(), SHOW, clock, USERS.get(end.user()));
            }
            return null;
        }

        private String nextId() {
            return "cmd-" + ++ids;
        }
    }
}
