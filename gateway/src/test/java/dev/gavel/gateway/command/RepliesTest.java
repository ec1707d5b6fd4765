package dev.gavel.gateway.command;

import static dev.gavel.gateway.testing.Requests.REQUEST_ID;
import static dev.gavel.gateway.testing.Requests.buyNow;
import static dev.gavel.gateway.testing.Requests.cancelAuction;
import static dev.gavel.gateway.testing.Requests.createAuction;
import static dev.gavel.gateway.testing.Requests.placeBid;
import static dev.gavel.gateway.testing.Users.BOB;
import static dev.gavel.gateway.testing.Users.CAROL;
import static dev.gavel.gateway.testing.Users.SAM_THE_SELLER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.UserRef;
import dev.gavel.gateway.protocol.AuctionDto;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.ServerMessage;
import dev.gavel.gateway.testing.AuctionHistory;
import dev.gavel.gateway.testing.Times;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RepliesTest {

    private static final long SERVER_TIME = Times.NOW.toEpochMilli();
    private static final String LAMP = "lamp";

    private final FrameWriter frames = new FrameWriter(Times.fixedClock());
    private final Replies replies = new Replies(frames);
    private final AuctionHistory lamp = AuctionHistory.open(LAMP);

    private static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }

    private static BidderNotice.CommandRejected rejected(
            String commandType, RejectionReason reason, String message, Long minimumBidCents) {
        return new BidderNotice.CommandRejected(
                "cmd-1", LAMP, commandType, BOB, Times.NOW, reason, message, minimumBidCents);
    }

    private static BidderNotice.CommandConfirmed confirmed(
            String commandType,
            Long amountCents,
            Long maxAmountCents,
            Long currentBidCents,
            boolean leading,
            boolean repeated) {
        return new BidderNotice.CommandConfirmed(
                "cmd-1",
                LAMP,
                commandType,
                BOB,
                Times.NOW,
                amountCents,
                maxAmountCents,
                currentBidCents,
                leading,
                repeated,
                null);
    }

    private ServerMessage reply(ClientMessage.Command request, UserRef user, CommandOutcome outcome) {
        return replies.to(request, user.id(), outcome);
    }

    static Stream<ClientMessage.Command> everyCommand() {
        return Stream.of(createAuction().build(), placeBid(LAMP, "12"), buyNow(LAMP), cancelAuction(LAMP));
    }

    @Nested
    class ToAnyCommand {

        @ParameterizedTest
        @MethodSource("dev.gavel.gateway.command.RepliesTest#everyCommand")
        void thatCouldNotBeProducedIsAnUnavailableError(ClientMessage.Command request) {
            ServerMessage reply =
                    reply(request, BOB, new CommandOutcome.Failed(ErrorCode.UNAVAILABLE, "cannot reach the service"));

            assertThat(reply)
                    .isEqualTo(new ServerMessage.Error(
                            REQUEST_ID, "UNAVAILABLE", "cannot reach the service", SERVER_TIME));
        }

        @ParameterizedTest
        @MethodSource("dev.gavel.gateway.command.RepliesTest#everyCommand")
        void thatWasNotDecidedInTimeIsATimeoutError(ClientMessage.Command request) {
            ServerMessage reply = reply(request, BOB, new CommandOutcome.Failed(ErrorCode.TIMEOUT, "no outcome yet"));

            assertThat(reply).isEqualTo(new ServerMessage.Error(REQUEST_ID, "TIMEOUT", "no outcome yet", SERVER_TIME));
        }
    }

    @Nested
    class ToABid {

        @Test
        void acceptedAndLeadingSaysSo() {
            AuctionEvent.BidPlaced placed = lamp.bid(BOB, 12_00, BOB, "cmd-1");

            ServerMessage reply =
                    reply(placeBid(LAMP, "12", "30", "b-1"), BOB, new CommandOutcome.Accepted(placed, lamp.view()));

            assertThat(reply)
                    .isEqualTo(new ServerMessage.BidAccepted(
                            REQUEST_ID,
                            LAMP,
                            amount("12"),
                            amount("30"),
                            amount("12"),
                            true,
                            "b-1",
                            false,
                            false,
                            SERVER_TIME));
        }

        @Test
        void acceptedButOutbidAtOnceByAProxySaysTheBidderIsNotLeading() {
            AuctionEvent.BidPlaced placed = lamp.bid(BOB, 12_00, CAROL, "cmd-1");

            ServerMessage.BidAccepted reply = (ServerMessage.BidAccepted)
                    reply(placeBid(LAMP, "12"), BOB, new CommandOutcome.Accepted(placed, lamp.view()));

            assertThat(reply.leading()).isFalse();
        }

        @Test
        void confirmedWithoutAPublicEventCarriesTheConfirmedAmounts() {
            BidderNotice.CommandConfirmed raised = confirmed("place-bid", null, 50_00L, 12_00L, true, false);

            ServerMessage reply =
                    reply(placeBid(LAMP, null, "50", "b-2"), BOB, new CommandOutcome.Confirmed(raised, lamp.view()));

            assertThat(reply)
                    .isEqualTo(new ServerMessage.BidAccepted(
                            REQUEST_ID,
                            LAMP,
                            null,
                            amount("50"),
                            amount("12"),
                            true,
                            "b-2",
                            false,
                            false,
                            SERVER_TIME));
        }

        @Test
        void repeatedIsMarkedRepeated() {
            BidderNotice.CommandConfirmed original = confirmed("place-bid", 12_00L, null, 12_00L, false, true);

            ServerMessage.BidAccepted reply = (ServerMessage.BidAccepted)
                    reply(placeBid(LAMP, "12", null, "b-1"), BOB, new CommandOutcome.Confirmed(original, lamp.view()));

            assertThat(reply.repeated()).isTrue();
            assertThat(reply.leading()).isFalse();
            assertThat(reply.bidId()).isEqualTo("b-1");
        }

        @Test
        void rejectedSaysWhyAndTheMinimumBid() {
            BidderNotice.CommandRejected tooLow =
                    rejected("place-bid", RejectionReason.BID_TOO_LOW, "the minimum bid is 13.00", 13_00L);

            ServerMessage reply = reply(placeBid(LAMP, "12", null, "b-1"), BOB, new CommandOutcome.Rejected(tooLow));

            assertThat(reply)
                    .isEqualTo(new ServerMessage.BidRejected(
                            REQUEST_ID,
                            LAMP,
                            "BID_TOO_LOW",
                            amount("13"),
                            "the minimum bid is 13.00",
                            "b-1",
                            SERVER_TIME));
        }

        @Test
        void rejectedOnAnEndedAuctionHasNoMinimumBid() {
            BidderNotice.CommandRejected ended =
                    rejected("place-bid", RejectionReason.AUCTION_ENDED, "the auction has ended", null);

            ServerMessage.BidRejected reply =
                    (ServerMessage.BidRejected) reply(placeBid(LAMP, "12"), BOB, new CommandOutcome.Rejected(ended));

            assertThat(reply.minimumBid()).isNull();
            assertThat(reply.reason()).isEqualTo("AUCTION_ENDED");
        }

        @Test
        void withAnAmountNoAuctionAcceptsIsRejectedAsAnInvalidAmount() {
            ServerMessage reply =
                    replies.invalidAmount(placeBid(LAMP, "0.001", null, "b-1"), "amount must have at most 2 decimals");

            assertThat(reply)
                    .isEqualTo(new ServerMessage.BidRejected(
                            REQUEST_ID,
                            LAMP,
                            "INVALID_AMOUNT",
                            null,
                            "amount must have at most 2 decimals",
                            "b-1",
                            SERVER_TIME));
        }
    }

    @Nested
    class ToABuyNow {

        @Test
        void acceptedSaysTheBuyerPaidTheFinalPriceAndLeads() {
            AuctionEvent.AuctionEnded sold = lamp.ended(Outcome.SOLD, BOB, 99_99L, "cmd-1");

            ServerMessage reply = reply(buyNow(LAMP), BOB, new CommandOutcome.Accepted(sold, lamp.view()));

            assertThat(reply)
                    .isEqualTo(new ServerMessage.BidAccepted(
                            REQUEST_ID,
                            LAMP,
                            amount("99.99"),
                            null,
                            amount("99.99"),
                            true,
                            null,
                            true,
                            false,
                            SERVER_TIME));
        }

        @Test
        void repeatedIsMarkedBuyNowAndRepeated() {
            BidderNotice.CommandConfirmed original = confirmed("buy-now", 99_99L, null, null, true, true);

            ServerMessage.BidAccepted reply = (ServerMessage.BidAccepted)
                    reply(buyNow(LAMP), BOB, new CommandOutcome.Confirmed(original, lamp.view()));

            assertThat(reply.buyNow()).isTrue();
            assertThat(reply.repeated()).isTrue();
            assertThat(reply.amount()).isEqualByComparingTo("99.99");
        }

        @Test
        void rejectedIsARejectedBid() {
            BidderNotice.CommandRejected unavailable = rejected(
                    "buy-now", RejectionReason.BUY_NOW_UNAVAILABLE, "buy-now ended with the first bid", 13_00L);

            ServerMessage reply = reply(buyNow(LAMP), BOB, new CommandOutcome.Rejected(unavailable));

            assertThat(reply)
                    .isEqualTo(new ServerMessage.BidRejected(
                            REQUEST_ID,
                            LAMP,
                            "BUY_NOW_UNAVAILABLE",
                            amount("13"),
                            "buy-now ended with the first bid",
                            null,
                            SERVER_TIME));
        }
    }

    @Nested
    class ToACancel {

        @Test
        void acceptedSaysTheAuctionIsCancelled() {
            AuctionEvent.AuctionEnded cancelled = lamp.ended(Outcome.CANCELLED, null, null, "cmd-1");

            ServerMessage reply =
                    reply(cancelAuction(LAMP), SAM_THE_SELLER, new CommandOutcome.Accepted(cancelled, lamp.view()));

            assertThat(reply).isEqualTo(new ServerMessage.AuctionCancelled(REQUEST_ID, LAMP, SERVER_TIME));
        }

        @Test
        void repeatedSaysTheAuctionIsCancelled() {
            BidderNotice.CommandConfirmed original = confirmed("cancel-auction", null, null, null, true, true);

            ServerMessage reply =
                    reply(cancelAuction(LAMP), SAM_THE_SELLER, new CommandOutcome.Confirmed(original, lamp.view()));

            assertThat(reply).isEqualTo(new ServerMessage.AuctionCancelled(REQUEST_ID, LAMP, SERVER_TIME));
        }

        @Test
        void rejectedIsAnErrorWithTheReasonAsCode() {
            BidderNotice.CommandRejected notSeller = rejected(
                    "cancel-auction", RejectionReason.NOT_SELLER, "only the seller can cancel an auction", 11_00L);

            ServerMessage reply = reply(cancelAuction(LAMP), BOB, new CommandOutcome.Rejected(notSeller));

            assertThat(reply)
                    .isEqualTo(new ServerMessage.Error(
                            REQUEST_ID, "NOT_SELLER", "only the seller can cancel an auction", SERVER_TIME));
        }
    }

    @Nested
    class ToACreate {

        private final AuctionHistory vase = AuctionHistory.of("vase");

        /**
         * The processor's answer to a create it has seen before, with the auction as this gateway knows it then (null:
         * no longer known).
         */
        private CommandOutcome createdBefore(AuctionView now) {
            return new CommandOutcome.Confirmed(
                    new BidderNotice.CommandConfirmed(
                            "cmd-1",
                            "vase",
                            "create-auction",
                            SAM_THE_SELLER,
                            Times.NOW,
                            null,
                            null,
                            null,
                            true,
                            true,
                            1L),
                    now);
        }

        @Test
        void acceptedCarriesTheNewAuction() {
            AuctionEvent.AuctionCreated created = vase.created("cmd-1");

            ServerMessage reply =
                    reply(createAuction().build(), SAM_THE_SELLER, new CommandOutcome.Accepted(created, vase.view()));

            assertThat(reply)
                    .isEqualTo(new ServerMessage.AuctionCreated(
                            REQUEST_ID, AuctionDto.of(vase.view()), null, SERVER_TIME));
        }

        @Test
        void repeatedCarriesTheAuctionAsItIsNow() {
            vase.created("cmd-1");
            vase.bid(BOB, 12_00);
            ServerMessage reply = reply(createAuction().build(), SAM_THE_SELLER, createdBefore(vase.view()));

            assertThat(reply)
                    .isEqualTo(new ServerMessage.AuctionCreated(
                            REQUEST_ID, AuctionDto.of(vase.view()), null, SERVER_TIME));
            assertThat(((ServerMessage.AuctionCreated) reply).auction().currentBid())
                    .isEqualByComparingTo("12");
        }

        @Test
        void repeatedAfterTheAuctionWasForgottenSaysItIsNotFound() {
            ServerMessage reply = reply(createAuction().build(), SAM_THE_SELLER, createdBefore(null));

            assertThat(reply)
                    .isEqualTo(new ServerMessage.Error(
                            REQUEST_ID, "AUCTION_NOT_FOUND", "the auction no longer exists", SERVER_TIME));
        }

        @ParameterizedTest
        @EnumSource(
                value = RejectionReason.class,
                names = {"INVALID_AUCTION", "AUCTION_EXISTS", "DUPLICATE_COMMAND_ID"})
        void rejectedIsAnErrorWithTheReasonAsCode(RejectionReason reason) {
            BidderNotice.CommandRejected refused = rejected("create-auction", reason, "refused", null);

            ServerMessage reply = reply(createAuction().build(), SAM_THE_SELLER, new CommandOutcome.Rejected(refused));

            assertThat(reply).isEqualTo(new ServerMessage.Error(REQUEST_ID, reason.name(), "refused", SERVER_TIME));
        }
    }
}
