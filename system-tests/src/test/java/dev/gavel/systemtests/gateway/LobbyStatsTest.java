package dev.gavel.systemtests.gateway;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.message;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Stats.topSeller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Http;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.Waits;
import dev.gavel.systemtests.support.WsClient;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The show's statistics reach the lobby: computed by the analytics from the events, read by the gateway from
 * show-stats, pushed on the lobby channel and served by GET /api/stats.
 */
class LobbyStatsTest {

    /** Large enough to make its seller the top seller of the shared stack, whatever other tests sold. */
    private static final long RECORD_SALE = 999_000_000;

    private final Scenario scenario = new Scenario(GavelStack.shared());

    @AfterEach
    void close() {
        scenario.close();
    }

    @Test
    void theLobbyIsSentTheStatisticsWhenASaleChangesThem() {
        WsClient viewer = scenario.connect("viv");
        scenario.request(viewer, message("subscribe-lobby"));
        User sam = scenario.user("sam");
        WsClient seller = scenario.connect(sam);
        WsClient buyer = scenario.connect("bob");
        String auctionId = scenario.open(seller, createAuction().with("buyNowPrice", RECORD_SALE));

        scenario.request(buyer, message("buy-now").with("auctionId", auctionId));

        JsonNode stats = viewer.await(
                "statistics with sam's sale",
                message -> message.path("type").asString().equals("stats")
                        && topSeller(message.path("stats"), sam.id()) != null);
        JsonNode sales = topSeller(stats.path("stats"), sam.id()).path("sales");
        assertThat(sales.path("sold").asLong()).isEqualTo(1);
        assertThat(sales.path("ended").asLong()).isEqualTo(1);
        assertThat(sales.path("gmv").decimalValue()).isEqualByComparingTo(String.valueOf(RECORD_SALE));
        assertThat(stats.path("stats").path("sales").path("gmv").decimalValue())
                .isGreaterThanOrEqualTo(sales.path("gmv").decimalValue());
    }

    @Test
    void aNewcomerToTheLobbyIsSentTheLatestStatisticsRightAfterSubscribing() {
        WsClient seller = scenario.connect("sam");
        WsClient buyer = scenario.connect("bob");
        String auctionId = scenario.open(seller, createAuction().with("buyNowPrice", 120));
        scenario.request(buyer, message("buy-now").with("auctionId", auctionId));
        Waits.until("statistics of a sale", () -> !stats().path("sales").isNull());
        WsClient newcomer = scenario.connect("nina");

        scenario.request(newcomer, message("subscribe-lobby"));

        newcomer.await("statistics", message -> message.path("type").asString().equals("stats"));
        assertThat(newcomer.received().stream()
                        .map(message -> message.path("type").asString()))
                .as("the statistics follow the confirmation, without waiting for them to change")
                .startsWith("subscribed", "stats");
    }

    @Test
    void anyoneMayReadWhichAuctionsAreHotWithoutSigningIn() {
        WsClient seller = scenario.connect("sam");
        List<WsClient> bidders = List.of(scenario.connect("bob"), scenario.connect("carol"));
        String auctionId = scenario.open(seller, createAuction().with("startingPrice", 10));
        for (int bid = 0; bid < 12; bid++) {
            scenario.request(bidders.get(bid % 2), placeBid(auctionId, 10 + bid * 5));
        }

        Waits.until("the auction among the hot auctions", () -> hotBids(auctionId) == 12);

        Http.Response anonymous = scenario.stack().http().get("/api/stats", null);
        assertThat(anonymous.status()).isEqualTo(200);
        JsonNode hot = anonymous.json().path("hotAuctions");
        assertThat(hot.path("windowEnd").asLong() - hot.path("windowStart").asLong())
                .isEqualTo(60_000);
    }

    private JsonNode stats() {
        return scenario.stack().http().get("/api/stats", null).json();
    }

    private long hotBids(String auctionId) {
        return StreamSupport.stream(stats().path("hotAuctions").path("auctions").spliterator(), false)
                .filter(auction -> auction.path("auctionId").asString().equals(auctionId))
                .mapToLong(auction -> auction.path("bids").asLong())
                .findFirst()
                .orElse(0);
    }
}
