package dev.gavel.systemtests.cluster;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.message;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Messages.subscribe;
import static dev.gavel.systemtests.support.Stats.topSeller;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.Http;
import dev.gavel.systemtests.support.LocalCluster;
import dev.gavel.systemtests.support.Messages;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.Waits;
import dev.gavel.systemtests.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The local cluster of {@code ./gavel cluster up}: 3 brokers, 2 processors, 2 gateways and the analytics, all
 * separate processes. Clients spread over both gateways see the same history and the same statistics; auctions go on
 * and end correctly when a processor and a broker stop under load; a gateway that shuts down sends its clients to the
 * other one without losing an event. The tests run in order: each fault stays in place for the next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    /** Large enough to make its seller the top seller of the show, whatever the other tests sold. */
    private static final long RECORD_SALE = 999_000_000;

    private static LocalCluster cluster;
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        // Eight JVMs share this machine: a pause of a few hundred milliseconds must not make a gateway send these
        // clients, which read everything, snapshots instead of events, and a creation must not be answered TIMEOUT
        // (it cannot be retried safely) because the processors were still settling their tasks. Conflation and
        // timeouts have tests of their own.
        cluster =
                LocalCluster.start(Map.of("GAVEL_GATEWAY_CONFLATE_AFTER", "1h", "GAVEL_GATEWAY_REPLY_TIMEOUT", "30s"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void disconnect() {
        clients.forEach(WsClient::close);
    }

    private WsClient connect(int gateway, String name) {
        User user = cluster.signIn(gateway, name);
        WsClient client = WsClient.connect(cluster.webSocket(gateway), user.token());
        clients.add(client);
        return client;
    }

    /** Opens an auction on one gateway; clients of the other subscribe at once, before it may have read it. */
    private String open(WsClient seller, Messages.Builder create) {
        seller.send(create.json());
        JsonNode reply = seller.reply(create.requestId());
        assertThat(reply.path("type").asString())
                .as("reply to the creation: %s", reply)
                .isEqualTo("auction-created");
        return reply.path("auction").path("id").asString();
    }

    /** Bids like a careful client: a bid without a decision is sent again with the same bid id. */
    private JsonNode bid(WsClient bidder, String auctionId, long amount, String bidId) {
        for (int attempt = 0; ; attempt++) {
            Messages.Builder bid = placeBid(auctionId, amount).with("bidId", bidId);
            bidder.send(bid.json());
            JsonNode reply = bidder.await(
                    "reply to " + bidId,
                    m -> bid.requestId().equals(m.path("requestId").asString(null)),
                    Duration.ofSeconds(40));
            String code = reply.path("code").asString("");
            if (attempt < 20 && (code.equals("UNAVAILABLE") || code.equals("TIMEOUT"))) {
                continue;
            }
            return reply;
        }
    }

    /** One auction's public history as a client saw it. */
    private static List<String> history(WsClient client, String auctionId) {
        return client.eventsOf(auctionId).stream()
                .map(m -> WsClient.seqOf(m) + " " + m.path("type").asString() + " "
                        + m.path("currentBid").asString("") + " "
                        + m.path("leader").path("id").asString("")
                        + " " + m.path("endsAt").asString("") + " "
                        + m.path("outcome").asString("")
                        + " " + m.path("winner").path("id").asString(""))
                .toList();
    }

    private static void awaitEnd(List<WsClient> watchers, String auctionId) {
        for (WsClient watcher : watchers) {
            watcher.await(
                    auctionId + " ended",
                    m -> "auction-ended".equals(m.path("type").asString())
                            && auctionId.equals(m.path("auctionId").asString(null)),
                    Duration.ofSeconds(120));
        }
    }

    private static void assertSameContiguousHistories(List<WsClient> watchers, String auctionId) {
        List<String> reference = history(watchers.get(0), auctionId);
        assertThat(reference).isNotEmpty();
        for (int i = 0; i < reference.size(); i++) {
            assertThat(reference.get(i)).startsWith((i + 1) + " ");
        }
        assertThat(reference.get(reference.size() - 1)).contains("auction-ended");
        for (WsClient watcher : watchers) {
            assertThat(history(watcher, auctionId))
                    .as("history of %s", auctionId)
                    .isEqualTo(reference);
        }
    }

    @Test
    @Order(1)
    void everyClientSeesTheSameEventsInTheSameOrderWhicheverGatewayItUses() {
        WsClient seller = connect(1, "sam");
        WsClient bob = connect(1, "bob");
        WsClient carol = connect(2, "carol");
        List<WsClient> watchers =
                List.of(bob, carol, connect(1, "viewer-1"), connect(2, "viewer-2"), connect(2, "viewer-3"));
        List<String> auctions = openAuctionsWatchedBy(seller, watchers, 8_000, 2_000);

        for (int round = 1; round <= 12; round++) {
            for (String auctionId : auctions) {
                bid(round % 2 == 0 ? bob : carol, auctionId, round * 10L, "r" + round + "-" + auctionId);
            }
        }

        for (String auctionId : auctions) {
            awaitEnd(watchers, auctionId);
            assertSameContiguousHistories(watchers, auctionId);
        }
    }

    @Test
    @Order(2)
    void bothGatewaysServeTheStatisticsTheAnalyticsComputeFromTheShow() {
        User sam = cluster.signIn(1, "sam");
        WsClient seller = WsClient.connect(cluster.webSocket(1), sam.token());
        clients.add(seller);
        User bob = cluster.signIn(2, "bob");
        WsClient buyer = WsClient.connect(cluster.webSocket(2), bob.token());
        clients.add(buyer);
        String auctionId = open(seller, createAuction().with("buyNowPrice", RECORD_SALE));
        Http second = new Http(cluster.gateway(2));
        Waits.until(
                "gateway 2 knows the auction",
                () -> second.get("/api/auctions/" + auctionId, bob.token()).status() == 200);
        Messages.Builder buyNow = message("buy-now").with("auctionId", auctionId);

        buyer.send(buyNow.json());

        assertThat(buyer.reply(buyNow.requestId()).path("buyNow").asBoolean())
                .as("the buy-now is accepted")
                .isTrue();
        for (int gateway = 1; gateway <= 2; gateway++) {
            Http http = new Http(cluster.gateway(gateway));
            Waits.until(
                    "sam's sale in the statistics of gateway " + gateway,
                    () -> topSeller(http.get("/api/stats", null).json(), sam.id()) != null);
            JsonNode sales =
                    topSeller(http.get("/api/stats", null).json(), sam.id()).path("sales");
            assertThat(sales.path("ended").asLong()).isEqualTo(1);
            assertThat(sales.path("sold").asLong()).isEqualTo(1);
            assertThat(sales.path("gmv").decimalValue()).isEqualByComparingTo(String.valueOf(RECORD_SALE));
        }
    }

    @Test
    @Order(3)
    void auctionsContinueAndEndCorrectlyWhenAProcessorAndABrokerStopUnderLoad() throws Exception {
        WsClient seller = connect(1, "sam");
        WsClient bob = connect(1, "bob");
        WsClient carol = connect(2, "carol");
        List<WsClient> watchers = List.of(bob, carol, connect(2, "viewer"));
        List<String> auctions = openAuctionsWatchedBy(seller, watchers, 25_000, 3_000);
        AtomicBoolean faultsDone = new AtomicBoolean();
        List<JsonNode> acceptedAfterFaults = new CopyOnWriteArrayList<>();
        Map<String, List<JsonNode>> accepted = new ConcurrentHashMap<>();
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            for (int round = 1; round <= 24; round++) {
                for (String auctionId : auctions) {
                    WsClient bidder = round % 2 == 0 ? bob : carol;
                    JsonNode reply = bid(bidder, auctionId, round * 10L, "f" + round + "-" + auctionId);
                    if ("bid-accepted".equals(reply.path("type").asString())) {
                        accepted.computeIfAbsent(auctionId, id -> new CopyOnWriteArrayList<>())
                                .add(reply);
                        if (faultsDone.get()) {
                            acceptedAfterFaults.add(reply);
                        }
                    }
                }
            }
        });

        Waits.until(
                "bidding is under way",
                () -> accepted.values().stream().mapToInt(List::size).sum() >= 15);
        cluster.stop("bid-processor-1");
        cluster.kill("kafka-2");
        faultsDone.set(true);
        load.get(5, TimeUnit.MINUTES);

        assertThat(acceptedAfterFaults).as("bids accepted after the faults").isNotEmpty();
        for (String auctionId : auctions) {
            awaitEnd(watchers, auctionId);
            assertSameContiguousHistories(watchers, auctionId);
            List<JsonNode> updates = bob.eventsOf(auctionId).stream()
                    .filter(m -> "bid-updated".equals(m.path("type").asString()))
                    .toList();
            for (JsonNode reply : accepted.get(auctionId)) {
                assertThat(updates)
                        .as("accepted bid %s is in the history", reply)
                        .anyMatch(update -> update.path("amount")
                                        .decimalValue()
                                        .compareTo(reply.path("amount").decimalValue())
                                == 0);
            }
            JsonNode last = updates.get(updates.size() - 1);
            JsonNode ended = bob.event("auction-ended", auctionId);
            assertThat(ended.path("outcome").asString()).isEqualTo("SOLD");
            assertThat(ended.path("winner").path("id").asString())
                    .isEqualTo(last.path("leader").path("id").asString());
            assertThat(ended.path("finalPrice").decimalValue())
                    .isEqualByComparingTo(last.path("currentBid").decimalValue());
            assertThat(bob.eventsOf(auctionId).stream()
                            .filter(m -> "auction-ended".equals(m.path("type").asString())))
                    .hasSize(1);
        }
    }

    @Test
    @Order(4)
    void aGatewayThatStopsSendsItsClientsAwayAndTheyResumeOnTheOtherWithoutAGap() {
        WsClient seller = connect(1, "sam");
        WsClient bob = connect(1, "bob");
        String auctionId = open(
                seller,
                createAuction()
                        .with("startingPrice", 1)
                        .with("durationMs", 15_000)
                        .with("softCloseMs", 0));
        User carol = cluster.signIn(1, "carol");
        // With a broker and a processor down since the last test, the second gateway may read the new auction a
        // while after the first: this test is about leaving it, so it starts once it knows the auction.
        Http second = new Http(cluster.gateway(2));
        Waits.until(
                "gateway 2 knows the auction",
                () -> second.get("/api/auctions/" + auctionId, carol.token()).status() == 200);
        WsClient onSecond = WsClient.connect(cluster.webSocket(2), carol.token());
        clients.add(onSecond);
        onSecond.send(subscribe(auctionId).with("lastSeq", 0).json());
        assertThat(bid(bob, auctionId, 10, "g1").path("type").asString()).isEqualTo("bid-accepted");
        onSecond.await("first bid", m -> m.path("seq").asLong() == 2);

        cluster.stop("gateway-2");

        assertThat(onSecond.awaitClose()).isEqualTo(1001);
        bid(bob, auctionId, 20, "g2");
        bid(connect(1, "dan"), auctionId, 30, "g3");
        WsClient resumed = WsClient.connect(cluster.webSocket(1), carol.token());
        clients.add(resumed);
        resumed.send(subscribe(auctionId).with("lastSeq", 2).json());
        awaitEnd(List.of(resumed), auctionId);
        List<Long> seqs = resumed.eventsOf(auctionId).stream()
                .map(m -> m.path("seq").asLong())
                .collect(Collectors.toList());
        assertThat(seqs).as("the events after seq 2, each once").startsWith(3L).doesNotHaveDuplicates();
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
    }

    /** Three auctions of {@code seller}'s, each followed from its start by every one of {@code watchers}. */
    private List<String> openAuctionsWatchedBy(
            WsClient seller, List<WsClient> watchers, long durationMs, long softCloseMs) {
        List<String> auctions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            auctions.add(open(
                    seller,
                    createAuction()
                            .with("startingPrice", 1)
                            .with("durationMs", durationMs)
                            .with("softCloseMs", softCloseMs)));
        }
        for (WsClient watcher : watchers) {
            for (String auctionId : auctions) {
                watcher.send(subscribe(auctionId).with("lastSeq", 0).json());
            }
        }
        return auctions;
    }
}
