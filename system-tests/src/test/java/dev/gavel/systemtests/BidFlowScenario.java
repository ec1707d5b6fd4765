package dev.gavel.systemtests;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Messages.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Messages;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.WsClient;
import dev.gavel.systemtests.support.WsClient.HandshakeRefused;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton, end to end: real WebSocket clients, the gateway, Kafka and the processor. Subclasses choose
 * where the broker runs.
 */
abstract class BidFlowScenario {

    private final List<WsClient> clients = new ArrayList<>();
    private User alice;
    private User bob;
    private WsClient seller;
    private WsClient bidder;

    abstract GavelStack stack();

    @BeforeEach
    void signIn() {
        alice = stack().signIn("alice");
        bob = stack().signIn("bob");
        seller = connect(alice);
        bidder = connect(bob);
    }

    @AfterEach
    void disconnect() {
        clients.forEach(WsClient::close);
    }

    private WsClient connect(User user) {
        WsClient client = stack().connect(user);
        clients.add(client);
        return client;
    }

    private String openAuction(Messages.Builder create) {
        seller.send(create.json());
        JsonNode created = seller.reply(create.requestId());
        assertThat(created.path("type").asString()).isEqualTo("auction-created");
        return created.path("auction").path("id").asString();
    }

    @Test
    void creatorGetsTheAuctionItCreated() {
        Messages.Builder create =
                createAuction().with("title", "Vintage Camera").with("startingPrice", 100);

        seller.send(create.json());

        JsonNode auction = seller.reply(create.requestId()).path("auction");
        assertThat(auction.path("title").asString()).isEqualTo("Vintage Camera");
        assertThat(auction.path("seller").path("id").asString()).isEqualTo(alice.id());
        assertThat(auction.path("seller").path("name").asString()).isEqualTo("alice");
        assertThat(auction.path("startingPrice").decimalValue()).isEqualByComparingTo("100");
        assertThat(auction.path("minimumNextBid").decimalValue()).isEqualByComparingTo("100");
        assertThat(auction.path("status").asString()).isEqualTo("OPEN");
        assertThat(auction.path("seq").asLong()).isEqualTo(1);
        assertThat(auction.path("endsAt").asLong() - auction.path("createdAt").asLong())
                .isEqualTo(30_000);
    }

    @Test
    void subscriberGetsASnapshotFirst() {
        String auctionId = openAuction(createAuction());

        bidder.send(subscribe(auctionId).json());

        JsonNode snapshot =
                bidder.await("snapshot", m -> m.path("type").asString().equals("snapshot"));
        assertThat(snapshot.path("auction").path("id").asString()).isEqualTo(auctionId);
        assertThat(snapshot.path("auction").path("seq").asLong()).isEqualTo(1);
        assertThat(snapshot.path("serverTime").asLong()).isPositive();
    }

    @Test
    void acceptedBidIsConfirmedToTheBidderAndShownToEverySubscriber() {
        String auctionId = openAuction(createAuction().with("startingPrice", 100));
        seller.send(subscribe(auctionId).json());
        bidder.send(subscribe(auctionId).json());
        bidder.snapshot(auctionId);
        Messages.Builder bid = placeBid(auctionId, 150);

        bidder.send(bid.json());

        JsonNode accepted = bidder.reply(bid.requestId());
        assertThat(accepted.path("type").asString()).isEqualTo("bid-accepted");
        assertThat(accepted.path("amount").decimalValue()).isEqualByComparingTo("150");
        assertThat(accepted.path("leading").asBoolean()).isTrue();
        for (WsClient watcher : List.of(seller, bidder)) {
            JsonNode update = watcher.event("bid-updated", auctionId);
            assertThat(update.path("seq").asLong()).isEqualTo(2);
            assertThat(update.path("currentBid").decimalValue()).isEqualByComparingTo("150");
            assertThat(update.path("bidder").path("id").asString()).isEqualTo(bob.id());
            assertThat(update.path("bidCount").asInt()).isEqualTo(1);
            assertThat(update.path("placedAt").asLong())
                    .isPositive()
                    .isLessThanOrEqualTo(update.path("serverTime").asLong());
        }
    }

    @Test
    void bidBelowTheMinimumIsRejectedWithTheMinimum() {
        String auctionId = openAuction(createAuction().with("startingPrice", 100));
        Messages.Builder bid = placeBid(auctionId, 99.99);

        bidder.send(bid.json());

        JsonNode rejected = bidder.reply(bid.requestId());
        assertThat(rejected.path("type").asString()).isEqualTo("bid-rejected");
        assertThat(rejected.path("reason").asString()).isEqualTo("BID_TOO_LOW");
        assertThat(rejected.path("minimumBid").decimalValue()).isEqualByComparingTo("100");
        assertThat(rejected.path("message").asString()).isNotBlank();
    }

    @Test
    void sellerCannotBidOnTheirOwnAuction() {
        String auctionId = openAuction(createAuction());
        Messages.Builder bid = placeBid(auctionId, 500);

        seller.send(bid.json());

        assertThat(seller.reply(bid.requestId()).path("reason").asString()).isEqualTo("SELF_BID");
    }

    @Test
    void bidOnAnUnknownAuctionIsRejected() {
        Messages.Builder bid = placeBid("no-such-auction", 500);

        bidder.send(bid.json());

        assertThat(bidder.reply(bid.requestId()).path("reason").asString()).isEqualTo("AUCTION_NOT_FOUND");
    }

    @Test
    void auctionEndsWithTheWinnerWhenTimeRunsOut() {
        String auctionId = openAuction(createAuction().with("durationMs", 5_000).with("softCloseMs", 0));
        seller.send(subscribe(auctionId).json());
        bidder.send(subscribe(auctionId).json());
        Messages.Builder bid = placeBid(auctionId, 120);
        bidder.send(bid.json());
        bidder.reply(bid.requestId());

        for (WsClient watcher : List.of(seller, bidder)) {
            JsonNode ended = watcher.await(
                    "auction-ended", m -> m.path("type").asString().equals("auction-ended"), Duration.ofSeconds(20));
            assertThat(ended.path("outcome").asString()).isEqualTo("SOLD");
            assertThat(ended.path("winner").path("id").asString()).isEqualTo(bob.id());
            assertThat(ended.path("finalPrice").decimalValue()).isEqualByComparingTo("120");
            assertThat(ended.path("seq").asLong()).isEqualTo(3);
        }
    }

    @Test
    void malformedMessageGetsAnErrorAndTheConnectionStaysUsable() {
        bidder.send("{\"type\":\"place-bid\",\"auctionId\":");

        JsonNode error = bidder.await("an error", m -> m.path("type").asString().equals("error"));
        assertThat(error.path("code").asString()).isEqualTo("INVALID_MESSAGE");
        String auctionId = openAuction(createAuction());
        Messages.Builder bid = placeBid(auctionId, 100);
        bidder.send(bid.json());
        assertThat(bidder.reply(bid.requestId()).path("type").asString()).isEqualTo("bid-accepted");
    }

    @Test
    void handshakeWithoutATokenIsRefused() {
        assertThatThrownBy(() -> WsClient.connect(stack().webSocketUri(), null))
                .isInstanceOfSatisfying(
                        HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void handshakeWithAnInvalidTokenIsRefused() {
        assertThatThrownBy(() -> WsClient.connect(stack().webSocketUri(), "not.a.token"))
                .isInstanceOfSatisfying(
                        HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
