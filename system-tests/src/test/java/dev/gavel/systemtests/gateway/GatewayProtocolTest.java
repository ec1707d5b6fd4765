package dev.gavel.systemtests.gateway;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.message;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Messages.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.WsClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every client message and its reply, over real WebSockets against a real broker and processor. */
class GatewayProtocolTest {

    private final Scenario scenario = new Scenario(GavelStack.shared());

    @AfterEach
    void close() {
        scenario.close();
    }

    @Test
    void createAuctionTakesEveryEngineOption() {
        WsClient seller = scenario.connect("sam");

        JsonNode created = scenario.request(
                seller,
                createAuction()
                        .with("startingPrice", 10)
                        .with("reservePrice", 50)
                        .with("buyNowPrice", 99.5)
                        .with("mode", "sudden-death")
                        .with("softCloseMs", 0)
                        .with("maxExtensionMs", 60_000));

        JsonNode auction = created.path("auction");
        assertThat(auction.path("mode").asString()).isEqualTo("sudden-death");
        assertThat(auction.path("hasReserve").asBoolean()).isTrue();
        assertThat(auction.has("reservePrice")).as("the reserve is never shown").isFalse();
        assertThat(auction.path("reserveMet").asBoolean()).isFalse();
        assertThat(auction.path("buyNowPrice").decimalValue()).isEqualByComparingTo("99.50");
        assertThat(auction.path("buyNowAvailable").asBoolean()).isTrue();
        assertThat(auction.path("softCloseMs").asLong()).isZero();
        assertThat(auction.path("maxExtensionMs").asLong()).isEqualTo(60_000);
    }

    @Test
    void aMaxBidIsDefendedByTheProxyWithoutRevealingTheMaximum() {
        WsClient seller = scenario.connect("sam");
        User bob = scenario.user("bob");
        WsClient bobs = scenario.connect(bob);
        WsClient carols = scenario.connect("carol");
        String auctionId = scenario.open(seller, createAuction().with("startingPrice", 100));
        scenario.request(bobs, placeBid(auctionId, null).with("maxAmount", 200));
        carols.send(subscribe(auctionId).json());

        JsonNode carolsReply = scenario.request(carols, placeBid(auctionId, 150));

        assertThat(carolsReply.path("type").asString()).isEqualTo("bid-accepted");
        assertThat(carolsReply.path("leading").asBoolean()).isFalse();
        assertThat(carolsReply.path("currentBid").decimalValue()).isEqualByComparingTo("155");
        JsonNode update = carols.await(
                "the proxy's answer",
                m -> m.path("type").asString().equals("bid-updated")
                        && m.path("seq").asLong() == 3);
        assertThat(update.path("currentBid").decimalValue()).isEqualByComparingTo("155");
        assertThat(update.path("leader").path("id").asString()).isEqualTo(bob.id());
        assertThat(numbersIn(update))
                .as("no number in the update is bob's maximum")
                .noneMatch(number -> number.compareTo(new BigDecimal("200")) == 0);
    }

    /** Every number anywhere in {@code message}. */
    private static List<BigDecimal> numbersIn(JsonNode message) {
        List<BigDecimal> numbers = new ArrayList<>();
        if (message.isNumber()) {
            numbers.add(message.decimalValue());
        }
        message.forEach(child -> numbers.addAll(numbersIn(child)));
        return numbers;
    }

    @Test
    void aRetriedBidWithTheSameBidIdGetsTheOriginalOutcomeAndCountsOnce() {
        WsClient seller = scenario.connect("sam");
        WsClient bidder = scenario.connect("bob");
        String auctionId = scenario.open(seller, createAuction());
        seller.send(subscribe(auctionId).json());

        JsonNode first = scenario.request(bidder, placeBid(auctionId, 120).with("bidId", "b-1"));
        JsonNode retry = scenario.request(bidder, placeBid(auctionId, 120).with("bidId", "b-1"));

        assertThat(first.path("type").asString()).isEqualTo("bid-accepted");
        assertThat(first.path("repeated").asBoolean()).isFalse();
        assertThat(retry.path("type").asString()).isEqualTo("bid-accepted");
        assertThat(retry.path("repeated").asBoolean()).isTrue();
        assertThat(retry.path("amount").decimalValue()).isEqualByComparingTo("120");
        JsonNode view =
                scenario.stack().http().get("/api/auctions/" + auctionId, null).json();
        assertThat(view.path("bidCount").asInt()).isEqualTo(1);
    }

    @Test
    void buyNowEndsTheAuctionSoldToTheBuyer() {
        WsClient seller = scenario.connect("sam");
        User bob = scenario.user("bob");
        WsClient buyer = scenario.connect(bob);
        String auctionId = scenario.open(seller, createAuction().with("buyNowPrice", 250));
        seller.send(subscribe(auctionId).json());

        JsonNode reply = scenario.request(buyer, message("buy-now").with("auctionId", auctionId));

        assertThat(reply.path("type").asString()).isEqualTo("bid-accepted");
        assertThat(reply.path("buyNow").asBoolean()).isTrue();
        assertThat(reply.path("amount").decimalValue()).isEqualByComparingTo("250");
        JsonNode ended = seller.event("auction-ended", auctionId);
        assertThat(ended.path("outcome").asString()).isEqualTo("SOLD");
        assertThat(ended.path("winner").path("id").asString()).isEqualTo(bob.id());
    }

    @Test
    void theSellerCancelsBeforeTheFirstBid() {
        WsClient seller = scenario.connect("sam");
        WsClient viewer = scenario.connect("vic");
        String auctionId = scenario.open(seller, createAuction());
        viewer.send(subscribe(auctionId).json());
        viewer.snapshot(auctionId);

        JsonNode reply = scenario.request(seller, message("cancel-auction").with("auctionId", auctionId));

        assertThat(reply.path("type").asString()).isEqualTo("auction-cancelled");
        assertThat(viewer.event("auction-ended", auctionId).path("outcome").asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void onlyTheSellerMayCancel() {
        WsClient seller = scenario.connect("sam");
        WsClient other = scenario.connect("mallory");
        String auctionId = scenario.open(seller, createAuction());

        JsonNode reply = scenario.request(other, message("cancel-auction").with("auctionId", auctionId));

        assertThat(reply.path("type").asString()).isEqualTo("error");
        assertThat(reply.path("code").asString()).isEqualTo("NOT_SELLER");
    }

    @Test
    void aLateBidExtendsTheAuctionForEverySubscriber() {
        WsClient seller = scenario.connect("sam");
        WsClient bidder = scenario.connect("bob");
        String auctionId =
                scenario.open(seller, createAuction().with("durationMs", 5_000).with("softCloseMs", 20_000));
        seller.send(subscribe(auctionId).json());

        scenario.request(bidder, placeBid(auctionId, 100));

        JsonNode extended = seller.event("auction-extended", auctionId);
        assertThat(extended.path("endsAt").asLong())
                .isGreaterThan(extended.path("previousEndsAt").asLong());
        assertThat(extended.path("seq").asLong()).isEqualTo(3);
    }

    @Test
    void unsubscribedClientsGetNoMoreEvents() {
        WsClient seller = scenario.connect("sam");
        WsClient viewer = scenario.connect("vic");
        WsClient bidder = scenario.connect("bob");
        String auctionId = scenario.open(seller, createAuction());
        viewer.send(subscribe(auctionId).json());
        seller.send(subscribe(auctionId).json());
        viewer.snapshot(auctionId);

        JsonNode reply = scenario.request(viewer, message("unsubscribe").with("auctionId", auctionId));
        scenario.request(bidder, placeBid(auctionId, 100));
        seller.event("bid-updated", auctionId);
        scenario.request(viewer, message("ping"));

        assertThat(reply.path("type").asString()).isEqualTo("unsubscribed");
        assertThat(viewer.eventsOf(auctionId))
                .noneMatch(m -> m.path("type").asString().equals("bid-updated"));
    }

    @Test
    void theLobbySeesAuctionsCreatedAndEnded() {
        WsClient lobby = scenario.connect("vic");
        WsClient seller = scenario.connect("sam");
        JsonNode subscribed = scenario.request(lobby, message("subscribe-lobby"));

        String auctionId = scenario.open(seller, createAuction());
        scenario.request(seller, message("cancel-auction").with("auctionId", auctionId));

        assertThat(subscribed.path("channel").asString()).isEqualTo("lobby");
        JsonNode created = lobby.await(
                "creation in the lobby",
                m -> m.path("type").asString().equals("auction-created")
                        && m.path("auction").path("id").asString().equals(auctionId));
        assertThat(created.has("requestId")).isFalse();
        assertThat(lobby.event("auction-ended", auctionId).path("outcome").asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void longTextInAnyScriptComesBackExactlyAsGiven() {
        // Over 6 KB of UTF-8: more than one of the server's buffers, with characters of 2, 3 and 4 bytes (and
        // surrogate pairs) falling across their edges, and markup that must stay text.
        String title = "Zoë's 🎸 <i>guitar</i>";
        String description = "Zoë 🎸 <b>&amp;</b> 日本語 | ".repeat(200);
        WsClient seller = scenario.connect("sam");
        WsClient viewer = scenario.connect("vic");

        JsonNode created =
                scenario.request(seller, createAuction().with("title", title).with("description", description));
        JsonNode snapshot = scenario.request(
                viewer, subscribe(created.path("auction").path("id").asString()));

        for (JsonNode auction : List.of(created.path("auction"), snapshot.path("auction"))) {
            assertThat(auction.path("title").asString()).isEqualTo(title);
            assertThat(auction.path("description").asString()).isEqualTo(description);
        }
    }

    @Test
    void pingIsAnsweredWithTheServerTime() {
        WsClient client = scenario.connect("vic");
        long before = System.currentTimeMillis();

        JsonNode pong = scenario.request(client, message("ping"));

        assertThat(pong.path("type").asString()).isEqualTo("pong");
        assertThat(pong.path("serverTime").asLong()).isBetween(before - 5_000, before + 5_000);
    }

    @Test
    void subscribingToAnUnknownAuctionIsAnError() {
        WsClient client = scenario.connect("vic");

        JsonNode reply = scenario.request(client, subscribe("no-such-auction"));

        assertThat(reply.path("type").asString()).isEqualTo("error");
        assertThat(reply.path("code").asString()).isEqualTo("AUCTION_NOT_FOUND");
    }

    @Test
    void everyServerMessageCarriesServerTime() {
        WsClient seller = scenario.connect("sam");
        WsClient bidder = scenario.connect("bob");
        String auctionId = scenario.open(seller, createAuction());
        seller.send(subscribe(auctionId).json());
        scenario.request(bidder, placeBid(auctionId, 1));
        scenario.request(bidder, placeBid(auctionId, 100));
        seller.event("bid-updated", auctionId);

        List<JsonNode> all = List.copyOf(seller.received());
        assertThat(all).isNotEmpty();
        assertThat(all).allMatch(m -> m.path("serverTime").asLong() > 0);
        assertThat(bidder.received()).allMatch(m -> m.path("serverTime").asLong() > 0);
    }

    @Test
    void auctionEndedReachesSubscribersOnTime() {
        WsClient seller = scenario.connect("sam");
        String auctionId = scenario.open(seller, createAuction().with("durationMs", 5_000));
        seller.send(subscribe(auctionId).json());

        JsonNode ended =
                seller.await("the end", m -> m.path("type").asString().equals("auction-ended"), Duration.ofSeconds(20));

        assertThat(ended.path("outcome").asString()).isEqualTo("UNSOLD");
        assertThat(ended.path("winner").isNull()).isTrue();
    }
}
