package dev.gavel.processor.show;

import static dev.gavel.processor.fixtures.Users.ALICE;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.LotStatus;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowNotice.ShowCommandConfirmed;
import dev.gavel.events.ShowNotice.ShowCommandRejected;
import dev.gavel.events.ShowStatus;
import dev.gavel.events.UserRef;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of a show, one behaviour per test. Alice hosts show {@code spring}; {@link #given} builds the show from
 * commands that must all be taken, and {@link #when} checks that a refusal leaves the show exactly as it was.
 */
class ShowRulesTest {

    private static final String SHOW = "spring";
    private static final Instant T0 = Instant.parse("2030-03-01T18:00:00Z");

    private final ShowRules rules = new ShowRules();
    private Show show;
    private int ids;

    @SafeVarargs
    private ShowRulesTest given(Function<ShowRulesTest, ShowCommand>... commands) {
        for (Function<ShowRulesTest, ShowCommand> command : commands) {
            ShowDecision decision = decide(command.apply(this));
            assertThat(decision.reply() instanceof ShowCommandRejected)
                    .as("given %s was refused: %s", command, decision.reply())
                    .isFalse();
        }
        return this;
    }

    private ShowDecision when(ShowCommand command) {
        Show before = show;
        ShowDecision decision = decide(command);
        if (decision.reply() instanceof ShowCommandRejected) {
            assertThat(decision.show()).as("the show after a refusal").isSameAs(before);
            assertThat(decision.events()).isEmpty();
            assertThat(decision.auctionCommands()).isEmpty();
        }
        return decision;
    }

    private ShowDecision decide(ShowCommand command) {
        ShowDecision decision = rules.decide(show, command);
        show = decision.show();
        return decision;
    }

    private static RejectionReason refusal(ShowDecision decision) {
        assertThat(decision.reply()).isInstanceOf(ShowCommandRejected.class);
        return ((ShowCommandRejected) decision.reply()).reason();
    }

    private String id() {
        return "c-" + ++ids;
    }

    private Instant at() {
        return T0.plusSeconds(ids);
    }

    // Commands, Alice's unless a test says otherwise.

    ShowCommand create() {
        return new ShowCommand.CreateShow(id(), SHOW, at(), ALICE, "Spring drop", T0.plusSeconds(600));
    }

    ShowCommand lot() {
        return lot(1_000, null);
    }

    ShowCommand lot(long startCents, Long reserveCents) {
        return new ShowCommand.AddLot(id(), SHOW, at(), ALICE, "Signed LP", null, startCents, reserveCents, null);
    }

    ShowCommand start() {
        return new ShowCommand.StartShow(id(), SHOW, at(), ALICE);
    }

    ShowCommand run(int lotNo) {
        return new ShowCommand.RunLot(id(), SHOW, at(), ALICE, lotNo, 30_000, null, null, null);
    }

    ShowCommand preBid(UserRef bidder, int lotNo, long maxCents) {
        return new ShowCommand.PlacePreBid(id(), SHOW, at(), bidder, lotNo, maxCents);
    }

    ShowCommand ended(int lotNo, int run, Outcome outcome) {
        String auctionId = SHOW + "_" + lotNo + "_" + run;
        return new ShowCommand.LotAuctionEnded(
                "lot-end:" + auctionId,
                SHOW,
                at(),
                auctionId,
                outcome,
                outcome == Outcome.SOLD ? BOB : null,
                outcome == Outcome.SOLD ? 2_500L : null);
    }

    ShowCommand end() {
        return new ShowCommand.EndShow(id(), SHOW, at(), ALICE);
    }

    @Nested
    class Announcing {

        @Test
        void aNewShowIsScheduledWithSeqOne() {
            ShowDecision decision = when(create());

            assertThat(decision.events()).singleElement().isInstanceOf(ShowEvent.ShowCreated.class);
            assertThat(decision.show().status()).isEqualTo(ShowStatus.SCHEDULED);
            assertThat(decision.show().seq()).isEqualTo(1);
        }

        @Test
        void aShowIdTakenAlreadyIsRefused() {
            given(ShowRulesTest::create);

            assertThat(refusal(when(create()))).isEqualTo(RejectionReason.SHOW_EXISTS);
        }

        @Test
        void aShowWithoutATitleIsRefused() {
            assertThat(refusal(when(new ShowCommand.CreateShow(id(), SHOW, at(), ALICE, " ", T0))))
                    .isEqualTo(RejectionReason.INVALID_SHOW);
        }

        @Test
        void aCommandToAShowThatDoesNotExistIsRefused() {
            assertThat(refusal(when(lot()))).isEqualTo(RejectionReason.SHOW_NOT_FOUND);
        }

        @Test
        void onlyTheHostMayChangeTheShow() {
            given(ShowRulesTest::create);

            assertThat(refusal(when(new ShowCommand.StartShow(id(), SHOW, at(), BOB))))
                    .isEqualTo(RejectionReason.NOT_HOST);
        }

        @Test
        void goingLiveTwiceIsRefused() {
            given(ShowRulesTest::create, ShowRulesTest::start);

            assertThat(refusal(when(start()))).isEqualTo(RejectionReason.INVALID_SHOW);
        }

        @Test
        void nothingChangesAnEndedShow() {
            given(ShowRulesTest::create, ShowRulesTest::end);

            assertThat(refusal(when(lot()))).isEqualTo(RejectionReason.SHOW_ENDED);
        }
    }

    @Nested
    class Lineup {

        @Test
        void lotsAreNumberedInTheOrderAddedAndANumberIsNeverGivenAgain() {
            given(ShowRulesTest::create, ShowRulesTest::lot, ShowRulesTest::lot);
            given(test -> new ShowCommand.RemoveLot(id(), SHOW, at(), ALICE, 2));

            ShowDecision decision = when(lot());

            assertThat(decision.show().lineup()).extracting(Lot::lotNo).containsExactly(1, 3);
        }

        @Test
        void aLotOutOfBoundsIsRefused() {
            given(ShowRulesTest::create);

            assertThat(refusal(when(lot(0, null)))).isEqualTo(RejectionReason.INVALID_LOT);
        }

        @Test
        void aMoveKeepsTheOthersInTheirOrder() {
            given(ShowRulesTest::create, ShowRulesTest::lot, ShowRulesTest::lot, ShowRulesTest::lot);

            ShowDecision decision = when(new ShowCommand.MoveLot(id(), SHOW, at(), ALICE, 3, 0));

            assertThat(decision.show().lineup()).extracting(Lot::lotNo).containsExactly(3, 1, 2);
        }

        @Test
        void aMoveToAPlaceTheLineupDoesNotHaveIsRefused() {
            given(ShowRulesTest::create, ShowRulesTest::lot);

            assertThat(refusal(when(new ShowCommand.MoveLot(id(), SHOW, at(), ALICE, 1, 1))))
                    .isEqualTo(RejectionReason.INVALID_LOT);
        }

        @Test
        void theRunningLotCannotBeRemoved() {
            given(ShowRulesTest::create, ShowRulesTest::lot, ShowRulesTest::start, test -> test.run(1));

            assertThat(refusal(when(new ShowCommand.RemoveLot(id(), SHOW, at(), ALICE, 1))))
                    .isEqualTo(RejectionReason.LOT_NOT_AVAILABLE);
        }

        @Test
        void aLotTheLineupDoesNotHoldIsNotFound() {
            given(ShowRulesTest::create, ShowRulesTest::lot);

            assertThat(refusal(when(new ShowCommand.RemoveLot(id(), SHOW, at(), ALICE, 7))))
                    .isEqualTo(RejectionReason.LOT_NOT_FOUND);
        }
    }

    @Nested
    class Running {

        @Test
        void aLotRunsOnlyOnceTheShowIsLive() {
            given(ShowRulesTest::create, ShowRulesTest::lot);

            assertThat(refusal(when(run(1)))).isEqualTo(RejectionReason.SHOW_NOT_LIVE);
        }

        @Test
        void runningALotOpensItsAuctionWithTheRunsTimerAndTheLotsPrivateReserve() {
            given(ShowRulesTest::create, test -> test.lot(1_000, 5_000L), ShowRulesTest::start);

            ShowDecision decision = when(run(1));

            assertThat(decision.events())
                    .singleElement()
                    .isInstanceOfSatisfying(ShowEvent.LotStarted.class, started -> {
                        assertThat(started.auctionId()).isEqualTo("spring_1_1");
                        assertThat(started.endsAt()).isEqualTo(started.at().plusSeconds(30));
                    });
            assertThat(decision.auctionCommands())
                    .singleElement()
                    .isInstanceOfSatisfying(CreateAuction.class, create -> {
                        assertThat(create.seller()).isEqualTo(ALICE);
                        assertThat(create.reservePriceCents()).isEqualTo(5_000);
                        assertThat(create.durationMs()).isEqualTo(30_000);
                    });
            assertThat(decision.show().currentLotNo()).isEqualTo(1);
        }

        @Test
        void oneLotRunsAtATime() {
            given(
                    ShowRulesTest::create,
                    ShowRulesTest::lot,
                    ShowRulesTest::lot,
                    ShowRulesTest::start,
                    test -> test.run(1));

            assertThat(refusal(when(run(2)))).isEqualTo(RejectionReason.LOT_RUNNING);
        }

        @Test
        void theEndOfTheRunningLotsAuctionEndsTheLot() {
            given(ShowRulesTest::create, ShowRulesTest::lot, ShowRulesTest::start, test -> test.run(1));

            ShowDecision decision = when(ended(1, 1, Outcome.SOLD));

            assertThat(decision.events()).singleElement().isInstanceOf(ShowEvent.LotEnded.class);
            assertThat(decision.show().currentLotNo()).isNull();
            assertThat(decision.show().lineup().get(0).view().status()).isEqualTo(LotStatus.SOLD);
        }

        @Test
        void theEndOfAnotherAuctionChangesNothing() {
            given(ShowRulesTest::create, ShowRulesTest::lot, ShowRulesTest::start, test -> test.run(1));
            Show before = show;

            ShowDecision decision = when(ended(1, 2, Outcome.SOLD));

            assertThat(decision.events()).isEmpty();
            assertThat(decision.reply()).isNull();
            assertThat(decision.show()).isSameAs(before);
        }

        @Test
        void anUnsoldLotRunsAgainAsANewAuction() {
            given(ShowRulesTest::create, ShowRulesTest::lot, ShowRulesTest::start, test -> test.run(1));
            given(test -> test.ended(1, 1, Outcome.RESERVE_NOT_MET));

            ShowDecision decision = when(run(1));

            assertThat(decision.events())
                    .singleElement()
                    .isInstanceOfSatisfying(ShowEvent.LotStarted.class, started -> {
                        assertThat(started.auctionId()).isEqualTo("spring_1_2");
                        assertThat(started.run()).isEqualTo(2);
                    });
        }

        @Test
        void aSoldLotCannotRunAgain() {
            given(ShowRulesTest::create, ShowRulesTest::lot, ShowRulesTest::start, test -> test.run(1));
            given(test -> test.ended(1, 1, Outcome.SOLD));

            assertThat(refusal(when(run(1)))).isEqualTo(RejectionReason.LOT_NOT_AVAILABLE);
        }

        @Test
        void theShowCannotEndWhileALotRuns() {
            given(ShowRulesTest::create, ShowRulesTest::lot, ShowRulesTest::start, test -> test.run(1));

            assertThat(refusal(when(end()))).isEqualTo(RejectionReason.LOT_RUNNING);
        }

        @Test
        void theEndOfTheShowCountsTheLotsSold() {
            given(ShowRulesTest::create, ShowRulesTest::lot, ShowRulesTest::lot, ShowRulesTest::start);
            given(test -> test.run(1), test -> test.ended(1, 1, Outcome.SOLD));

            ShowDecision decision = when(end());

            assertThat(decision.events())
                    .singleElement()
                    .isInstanceOfSatisfying(
                            ShowEvent.ShowEnded.class,
                            ended -> assertThat(ended.lotsSold()).isEqualTo(1));
            assertThat(decision.show().status()).isEqualTo(ShowStatus.ENDED);
        }
    }

    @Nested
    class PreBids {

        @Test
        void aPreBidIsTakenPrivately() {
            given(ShowRulesTest::create, ShowRulesTest::lot);

            ShowDecision decision = when(preBid(BOB, 1, 2_000));

            assertThat(decision.events()).isEmpty();
            assertThat(decision.replyIsPrivate()).isTrue();
            assertThat(decision.reply())
                    .isInstanceOfSatisfying(
                            ShowCommandConfirmed.class,
                            taken -> assertThat(taken.maxAmountCents()).isEqualTo(2_000));
        }

        @Test
        void thePreBidsArePlacedOnTheLotsAuctionInTheOrderReceivedAsTheLotOpens() {
            given(ShowRulesTest::create, ShowRulesTest::lot, test -> test.preBid(BOB, 1, 3_000));
            given(test -> test.preBid(CAROL, 1, 2_000), ShowRulesTest::start);

            ShowDecision decision = when(run(1));

            assertThat(decision.auctionCommands().subList(1, 3))
                    .allSatisfy(bid -> assertThat(bid).isInstanceOfSatisfying(PlaceBid.class, placed -> {
                        assertThat(placed.receivedAt())
                                .isEqualTo(decision.events().get(0).at());
                        assertThat(placed.amountCents()).isNull();
                    }))
                    .extracting(command -> command.issuer())
                    .containsExactly(BOB, CAROL);
        }

        @Test
        void aBiddersLaterPreBidReplacesTheirEarlierOne() {
            given(ShowRulesTest::create, ShowRulesTest::lot, test -> test.preBid(BOB, 1, 3_000));
            given(test -> test.preBid(CAROL, 1, 2_000), test -> test.preBid(BOB, 1, 4_000), ShowRulesTest::start);

            ShowDecision decision = when(run(1));

            assertThat(decision.auctionCommands().subList(1, 3))
                    .extracting(command -> ((PlaceBid) command).maxAmountCents())
                    .containsExactly(2_000L, 4_000L);
        }

        @Test
        void aRunUsesUpItsPreBids() {
            given(ShowRulesTest::create, ShowRulesTest::lot, test -> test.preBid(BOB, 1, 3_000));
            given(ShowRulesTest::start, test -> test.run(1), test -> test.ended(1, 1, Outcome.UNSOLD));

            ShowDecision decision = when(run(1));

            assertThat(decision.auctionCommands()).hasSize(1);
        }

        @Test
        void theHostCannotPreBid() {
            given(ShowRulesTest::create, ShowRulesTest::lot);

            assertThat(refusal(when(preBid(ALICE, 1, 2_000)))).isEqualTo(RejectionReason.SELF_BID);
        }

        @Test
        void aPreBidBelowTheStartingPriceIsRefused() {
            given(ShowRulesTest::create, ShowRulesTest::lot);

            assertThat(refusal(when(preBid(BOB, 1, 999)))).isEqualTo(RejectionReason.BID_TOO_LOW);
        }

        @Test
        void aPreBidOfNoValidAmountIsRefused() {
            given(ShowRulesTest::create, ShowRulesTest::lot);

            assertThat(refusal(when(preBid(BOB, 1, 0)))).isEqualTo(RejectionReason.INVALID_AMOUNT);
        }

        @Test
        void aPreBidOnTheRunningLotIsRefusedWithItsAuction() {
            given(ShowRulesTest::create, ShowRulesTest::lot, ShowRulesTest::start, test -> test.run(1));

            ShowDecision decision = when(preBid(BOB, 1, 2_000));

            assertThat(refusal(decision)).isEqualTo(RejectionReason.LOT_NOT_AVAILABLE);
            assertThat(((ShowCommandRejected) decision.reply()).message()).contains("spring_1_1");
        }

        @Test
        void noPublicRecordCarriesAPreBidOrAReserve() {
            given(ShowRulesTest::create, test -> test.lot(1_000, 7_777L), test -> test.preBid(BOB, 1, 4_321));

            String published = JsonSerde.MAPPER.writeValueAsString(show.view());

            assertThat(published).doesNotContain("7777").doesNotContain("4321");
        }
    }
}
