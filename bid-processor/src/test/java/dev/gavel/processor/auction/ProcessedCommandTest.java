package dev.gavel.processor.auction;

import static dev.gavel.processor.auction.RulesScenario.given;
import static dev.gavel.processor.fixtures.Commands.DURING;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.buyNow;
import static dev.gavel.processor.fixtures.Commands.cents;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Commands.moderate;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.ModerationAction;
import dev.gavel.events.RejectionReason;
import dev.gavel.processor.topology.StoreSerdes;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** Idempotency: the memory of a decided command answers a repeat of it, and refuses its id for anything else. */
class ProcessedCommandTest {

    /** The auction's minimum bid when the repeat arrives, which has moved since the original. */
    private static final Long MINIMUM_NOW = cents("25.00");

    private static ProcessedCommand decided(AuctionCommand command) {
        Decision decision = given(create()).when(command);
        return ProcessedCommand.of(command, decision.reply());
    }

    @Test
    void repeatOfAnAcceptedBidIsConfirmedAsRepeatedWithTheOriginalSeq() {
        ProcessedCommand memory =
                decided(bid().id("bid-1").by(BOB).amount("12.00").build());

        BidderNotice answer =
                memory.answer(bid().id("bid-1").by(BOB).amount("12.00").build(), MINIMUM_NOW);

        assertThat(answer).isInstanceOfSatisfying(CommandConfirmed.class, confirmed -> {
            assertThat(confirmed.repeated()).isTrue();
            assertThat(confirmed.seq()).isEqualTo(2);
            assertThat(confirmed.commandId()).isEqualTo("bid-1");
            assertThat(confirmed.currentBidCents()).isEqualTo(cents("12.00"));
        });
    }

    @Test
    void repeatReceivedLaterIsStillTheSameCommand() {
        ProcessedCommand memory =
                decided(bid().id("bid-1").by(BOB).amount("12.00").at(DURING).build());

        AuctionCommand resent = bid().id("bid-1")
                .by(BOB)
                .amount("12.00")
                .at(DURING.plusSeconds(3))
                .build();

        BidderNotice answer = memory.answer(resent, MINIMUM_NOW);

        assertThat(answer).isInstanceOf(CommandConfirmed.class);
    }

    @Test
    void repeatOfARejectedBidGetsTheSameRejection() {
        AuctionCommand tooLow = bid().id("bid-1").by(BOB).amount("1.00").build();
        ProcessedCommand memory = decided(tooLow);

        BidderNotice answer = memory.answer(tooLow, MINIMUM_NOW);

        assertThat(answer).isEqualTo(memory.reply());
        assertThat(((CommandRejected) answer).minimumBidCents()).isNotEqualTo(MINIMUM_NOW);
        assertThat(answer)
                .isInstanceOfSatisfying(
                        CommandRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.BID_TOO_LOW));
    }

    @Test
    void idReusedWithAnotherAmountIsADuplicate() {
        ProcessedCommand memory =
                decided(bid().id("bid-1").by(BOB).amount("12.00").build());

        BidderNotice answer =
                memory.answer(bid().id("bid-1").by(BOB).amount("13.00").build(), MINIMUM_NOW);

        assertDuplicate(answer);
    }

    @Test
    void idReusedWithAMaximumInsteadOfAnAmountIsADuplicate() {
        ProcessedCommand memory =
                decided(bid().id("bid-1").by(BOB).amount("12.00").build());

        BidderNotice answer =
                memory.answer(bid().id("bid-1").by(BOB).max("12.00").build(), MINIMUM_NOW);

        assertDuplicate(answer);
    }

    @Test
    void idReusedForABidThatOnlyAHashWouldConfuseIsADuplicate() {
        ProcessedCommand memory =
                decided(bid().id("bid-1").by(BOB).max("1550.00").build());

        BidderNotice answer =
                memory.answer(bid().id("bid-1").by(BOB).amount("50.00").build(), MINIMUM_NOW);

        assertDuplicate(answer);
    }

    @Test
    void idReusedForAnAuctionWithTheFieldsShiftedIsADuplicate() {
        AuctionCommand original = create().id("create-1")
                .title("Camera|Lens")
                .description("boxed")
                .build();
        ProcessedCommand memory = ProcessedCommand.of(original, null);

        BidderNotice answer = memory.answer(
                create().id("create-1")
                        .title("Camera")
                        .description("Lens|boxed")
                        .build(),
                MINIMUM_NOW);

        assertDuplicate(answer);
    }

    @Test
    void idReusedByAnotherUserIsADuplicate() {
        ProcessedCommand memory =
                decided(bid().id("bid-1").by(BOB).amount("12.00").build());

        BidderNotice answer =
                memory.answer(bid().id("bid-1").by(CAROL).amount("12.00").build(), MINIMUM_NOW);

        assertDuplicate(answer);
    }

    @Test
    void moderatorsIdReusedForAnotherBidderIsADuplicate() {
        ProcessedCommand memory = decided(
                moderate(ModerationAction.REMOVE_BIDDER).id("mod-1").bidder(BOB).build());

        BidderNotice answer = memory.answer(
                moderate(ModerationAction.REMOVE_BIDDER)
                        .id("mod-1")
                        .bidder(CAROL)
                        .build(),
                MINIMUM_NOW);

        assertDuplicate(answer);
    }

    @Test
    void moderatorsRepeatedRemovalIsConfirmedAsRepeated() {
        AuctionCommand removal =
                moderate(ModerationAction.REMOVE_BIDDER).id("mod-1").bidder(BOB).build();
        ProcessedCommand memory = decided(removal);

        BidderNotice answer = memory.answer(removal, MINIMUM_NOW);

        assertThat(answer)
                .isInstanceOfSatisfying(
                        CommandConfirmed.class,
                        confirmed -> assertThat(confirmed.repeated()).isTrue());
    }

    @Test
    void idReusedForAnotherKindOfCommandIsADuplicate() {
        ProcessedCommand memory =
                decided(bid().id("cmd-1").by(BOB).amount("12.00").build());

        BidderNotice answer = memory.answer(buyNow().id("cmd-1").by(BOB).build(), MINIMUM_NOW);

        assertDuplicate(answer);
    }

    @Test
    void memoryReadBackFromItsStoreStillRecognisesTheRepeat() {
        Serde<ProcessedCommand> serde = StoreSerdes.processedCommands();
        AuctionCommand command = bid().id("bid-1").by(BOB).amount("12.00").build();
        ProcessedCommand stored =
                serde.deserializer().deserialize("store", serde.serializer().serialize("store", decided(command)));

        BidderNotice answer = stored.answer(command, MINIMUM_NOW);

        assertThat(answer)
                .isInstanceOfSatisfying(
                        CommandConfirmed.class,
                        confirmed -> assertThat(confirmed.repeated()).isTrue());
    }

    private static void assertDuplicate(BidderNotice answer) {
        assertThat(answer).isInstanceOfSatisfying(CommandRejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.DUPLICATE_COMMAND_ID);
            assertThat(rejected.minimumBidCents()).isEqualTo(MINIMUM_NOW);
        });
    }
}
