package dev.gavel.gateway.session;

import static dev.gavel.gateway.session.SessionBuilder.sessionOver;
import static dev.gavel.gateway.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.Outcome;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.ShowEvent;
import dev.gavel.gateway.command.CommandOutcome;
import dev.gavel.gateway.testing.AuctionHistory;
import dev.gavel.gateway.testing.Frames;
import dev.gavel.gateway.testing.ManualScheduler;
import dev.gavel.gateway.testing.ShowHistory;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The show messages of the protocol, as the router answers them. */
class ShowMessagesTest {

    private final RouterFixture gateway = new RouterFixture();
    private final FakeSocket socket = FakeSocket.keepingUp("ws-1");
    private final ClientSession bob = sessionOver(socket, gateway.clock)
            .messageBurst(RouterFixture.MESSAGE_BURST)
            .build();
    private final ShowHistory spring = ShowHistory.created("spring");

    private void send(String message) {
        gateway.router.handle(bob, message);
    }

    /** The show as the feed has read it: created, with two lots, live. */
    private void springIsLive() {
        gateway.shows.publish(spring.creation());
        gateway.shows.publish(spring.lotAdded());
        gateway.shows.publish(spring.lotAdded());
        gateway.shows.publish(spring.started());
    }

    /** The auction of a lot's run, as the feed reads its creation after the show's lot-started. */
    private void auctionIsKnown(String auctionId) {
        gateway.directory.publish(AuctionHistory.of(auctionId).created());
    }

    private JsonNode lastFrame() {
        return Frames.read(socket.written().get(socket.written().size() - 1));
    }

    private String lastError() {
        JsonNode error = lastFrame();
        assertThat(error.path("type").asString()).isEqualTo("error");
        return error.path("code").asString() + ": " + error.path("message").asString();
    }

    @Nested
    class Watching {

        @Test
        void aViewerFollowsTheLotThatStartsWithoutSubscribingToIt() {
            springIsLive();
            send("{\"type\":\"subscribe-show\",\"requestId\":\"w-1\",\"showId\":\"spring\"}");

            gateway.shows.publish(spring.lotStarted(1));
            auctionIsKnown(spring.auctionOf(1, 1));
            gateway.retries.runAll();

            assertThat(socket.frames()).containsExactly("show-snapshot", "show-updated#5", "snapshot#1");
            assertThat(bob.subscriptions()).containsExactly(spring.auctionOf(1, 1));
        }

        @Test
        void aViewerWaitsForTheLotsAuctionAsLongAsAProcessorFailoverDelaysIt() {
            springIsLive();
            send("{\"type\":\"subscribe-show\",\"showId\":\"spring\"}");
            gateway.shows.publish(spring.lotStarted(1));
            gateway.retries.runAll();

            gateway.clock.advance(RouterFixture.UNKNOWN_AUCTION_WAIT.multipliedBy(10));
            gateway.retries.runAll();
            auctionIsKnown(spring.auctionOf(1, 1));
            gateway.retries.runAll();

            assertThat(socket.frames()).containsExactly("show-snapshot", "show-updated#5", "snapshot#1");
            assertThat(bob.subscriptions()).containsExactly(spring.auctionOf(1, 1));
        }

        @Test
        void aViewerIsAttachedTheMomentTheLotsAuctionIsReadWithoutLookingForItMeanwhile() {
            springIsLive();
            send("{\"type\":\"subscribe-show\",\"showId\":\"spring\"}");
            gateway.shows.publish(spring.lotStarted(1));
            assertThat(gateway.retries.tasks()).isEmpty();

            auctionIsKnown(spring.auctionOf(1, 1));

            assertThat(gateway.retries.tasks())
                    .extracting(ManualScheduler.Task::delayMillis)
                    .containsExactly(0L);
            gateway.retries.runAll();
            assertThat(socket.frames()).containsExactly("show-snapshot", "show-updated#5", "snapshot#1");
        }

        @Test
        void theNextLotTakesTheViewerOffThePreviousLotsAuction() {
            springIsLive();
            send("{\"type\":\"subscribe-show\",\"showId\":\"spring\"}");
            gateway.shows.publish(spring.lotStarted(1));
            auctionIsKnown(spring.auctionOf(1, 1));
            gateway.retries.runAll();
            gateway.shows.publish(spring.lotEnded(Outcome.SOLD, BOB, 25_00L));

            gateway.shows.publish(spring.lotStarted(2));
            auctionIsKnown(spring.auctionOf(2, 1));
            gateway.retries.runAll();

            assertThat(bob.subscriptions()).containsExactly(spring.auctionOf(2, 1));
            assertThat(gateway.directory.subscriptions()).isEqualTo(1);
        }

        @Test
        void theLatestStateOnlyAppliesToTheFollowedLotToo() {
            springIsLive();
            send("{\"type\":\"subscribe-show\",\"showId\":\"spring\",\"updates\":\"latest\"}");
            gateway.shows.publish(spring.lotStarted(1));
            AuctionHistory lot = AuctionHistory.of(spring.auctionOf(1, 1));
            gateway.directory.publish(lot.created());
            gateway.retries.runAll();

            gateway.directory.publish(lot.bid(BOB, 21_00));

            assertThat(socket.frames()).endsWith("snapshot#1", "auction-state#2");
        }

        @Test
        void unsubscribingFromTheShowEndsTheFollowingOfItsLot() {
            springIsLive();
            gateway.shows.publish(spring.lotStarted(1));
            auctionIsKnown(spring.auctionOf(1, 1));
            send("{\"type\":\"subscribe-show\",\"showId\":\"spring\"}");

            send("{\"type\":\"unsubscribe-show\",\"requestId\":\"w-2\",\"showId\":\"spring\"}");

            assertThat(socket.frames()).endsWith("unsubscribed");
            assertThat(lastFrame().path("channel").asString()).isEqualTo("show:spring");
            assertThat(bob.subscriptions()).isEmpty();
            assertThat(bob.shows()).isEmpty();
            assertThat(gateway.directory.subscriptions()).isZero();
        }

        @Test
        void aShowThatDoesNotAppearInTimeIsAnsweredNotFound() {
            send("{\"type\":\"subscribe-show\",\"requestId\":\"w-1\",\"showId\":\"spring\"}");
            gateway.retries.runAll();
            assertThat(socket.written()).isEmpty();

            gateway.clock.advance(RouterFixture.UNKNOWN_AUCTION_WAIT);
            gateway.retries.runAll();

            assertThat(lastError()).isEqualTo("SHOW_NOT_FOUND: there is no show spring");
            assertThat(bob.shows()).isEmpty();
        }

        @Test
        void aShowIdWithAnUnderscoreIsRefused() {
            send("{\"type\":\"subscribe-show\",\"showId\":\"spring_1\"}");

            assertThat(lastError()).isEqualTo("INVALID_MESSAGE: showId must be 1 to 64 letters, digits or '-'");
        }

        @Test
        void closingTheSessionEndsItsShowsAndTheirLots() {
            springIsLive();
            gateway.shows.publish(spring.lotStarted(1));
            auctionIsKnown(spring.auctionOf(1, 1));
            send("{\"type\":\"subscribe-show\",\"showId\":\"spring\"}");
            List<String> before = List.copyOf(socket.frames());

            gateway.router.closed(bob);
            gateway.shows.publish(spring.lotEnded(Outcome.UNSOLD, null, null));

            assertThat(socket.frames()).isEqualTo(before);
            assertThat(gateway.directory.subscriptions()).isZero();
        }
    }

    @Nested
    class Commands {

        @Test
        void aHostsCommandIsProducedToTheShowsLogAndAnsweredOnceDecided() {
            springIsLive();
            send("{\"type\":\"add-lot\",\"requestId\":\"h-1\",\"showId\":\"spring\",\"title\":\"LP\","
                    + "\"startingPrice\":20}");
            ShowCommand produced = gateway.commands.producedShowCommands().get(0);
            assertThat(produced).isInstanceOfSatisfying(ShowCommand.AddLot.class, add -> {
                assertThat(add.host()).isEqualTo(BOB);
                assertThat(add.startingPriceCents()).isEqualTo(20_00);
            });
            assertThat(socket.written()).isEmpty();

            ShowEvent.LotAdded added = spring.lotAdded();
            gateway.commands
                    .service()
                    .complete(produced.commandId(), new CommandOutcome.ShowAccepted(added, spring.view()));

            assertThat(socket.frames()).containsExactly("show-accepted#5");
            JsonNode accepted = lastFrame();
            assertThat(accepted.path("requestId").asString()).isEqualTo("h-1");
            assertThat(accepted.path("lotNo").asInt()).isEqualTo(3);
            assertThat(accepted.path("command").asString()).isEqualTo("add-lot");
        }

        @Test
        void aPreBidIsProducedWithItsMaximumInCents() {
            send("{\"type\":\"place-pre-bid\",\"showId\":\"spring\",\"lotNo\":2,\"maxAmount\":45.5}");

            assertThat(gateway.commands.producedShowCommands())
                    .singleElement()
                    .isInstanceOfSatisfying(ShowCommand.PlacePreBid.class, preBid -> {
                        assertThat(preBid.lotNo()).isEqualTo(2);
                        assertThat(preBid.maxAmountCents()).isEqualTo(45_50);
                    });
        }

        @Test
        void aPreBidWithAnAmountNoLotAcceptsIsRefusedWithoutReachingTheLog() {
            send("{\"type\":\"place-pre-bid\",\"showId\":\"spring\",\"lotNo\":2,\"maxAmount\":45.555}");

            assertThat(lastError()).isEqualTo("INVALID_AMOUNT: maxAmount must have at most 2 decimals");
            assertThat(gateway.commands.producedShowCommands()).isEmpty();
        }

        @Test
        void aShowWithoutItsStartIsRefusedWithoutReachingTheLog() {
            send("{\"type\":\"create-show\",\"title\":\"Spring drop\"}");

            assertThat(lastError()).isEqualTo("INVALID_SHOW: scheduledStart is required (epoch millis)");
            assertThat(gateway.commands.producedShowCommands()).isEmpty();
        }

        @Test
        void aRunWithoutADurationIsRefusedWithoutReachingTheLog() {
            send("{\"type\":\"run-lot\",\"showId\":\"spring\",\"lotNo\":1}");

            assertThat(lastError()).isEqualTo("INVALID_LOT: durationMs is required");
            assertThat(gateway.commands.producedShowCommands()).isEmpty();
        }

        @Test
        void aLotWithoutItsNumberIsRefused() {
            send("{\"type\":\"remove-lot\",\"showId\":\"spring\"}");

            assertThat(lastError())
                    .isEqualTo("INVALID_MESSAGE: lotNo is required: the number the show gave the lot, from 1");
        }

        @Test
        void fromAnAnonymousViewerIsRefused() {
            ClientSession anonymous =
                    sessionOver(socket, gateway.clock).of(null, null).build();

            gateway.router.handle(anonymous, "{\"type\":\"start-show\",\"showId\":\"spring\"}");

            assertThat(lastError()).isEqualTo("UNAUTHORIZED: sign in to bid or sell");
            assertThat(gateway.commands.producedShowCommands()).isEmpty();
        }
    }
}
