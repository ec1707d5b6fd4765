package dev.gavel.systemtests.processor;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.message;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.BidIncrements;
import dev.gavel.processor.replay.Replay;
import dev.gavel.processor.replay.ReplayReport;
import dev.gavel.processor.topology.EngineSettings;
import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.KafkaBroker;
import dev.gavel.systemtests.support.Messages;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.Users;
import dev.gavel.systemtests.support.Waits;
import dev.gavel.systemtests.support.WsClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Deterministic replay: the events of a real run on a real broker are exactly the events of running the topology
 * again over its command log. The run mixes every kind of command, late bids that extend, proxy bids, rejections,
 * endings decided by the processor's clock, and a moderator's removal of a bidder, end and cancel.
 */
class ReplayTest {

    private static KafkaBroker broker;
    private static GavelStack stack;

    @BeforeAll
    static void runAShow() {
        broker = KafkaBroker.dedicated();
        stack = GavelStack.start(
                broker.bootstrap(),
                Map.of("gavel.gateway.commands-per-second", "1000", "gavel.gateway.command-burst", "1000"));
        try (Scenario scenario = new Scenario(stack)) {
            Random random = new Random(42);
            WsClient seller = scenario.connect("sam");
            Users.User dan = scenario.user("dan");
            List<WsClient> bidders = List.of(scenario.connect("bob"), scenario.connect("carol"), scenario.connect(dan));
            List<String> auctions = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                auctions.add(scenario.open(
                        seller,
                        createAuction()
                                .with("startingPrice", 10)
                                .with("durationMs", 5_000)
                                .with("softCloseMs", i % 2 == 0 ? 2_000 : 0)
                                .with("mode", i == 5 ? "sudden-death" : "standard")
                                .with("reservePrice", i == 1 ? 500 : null)
                                .with("buyNowPrice", i == 2 ? 1_000 : null)));
            }
            WsClient moderator = scenario.connect(scenario.user("mia", "moderator"));
            for (int i = 6; i < 8; i++) {
                auctions.add(scenario.open(
                        seller, createAuction().with("startingPrice", 10).with("durationMs", 60_000)));
            }
            scenario.request(seller, message("cancel-auction").with("auctionId", auctions.get(3)));
            // Dan may not bid on auction 4 from now on: his bids there are refused, in the log and in the replay.
            scenario.request(
                    moderator, moderate(auctions.get(4), "remove-bidder").with("bidderId", dan.id()));
            scenario.request(bidders.get(0), message("buy-now").with("auctionId", auctions.get(2)));
            for (int round = 0; round < 60; round++) {
                WsClient bidder = bidders.get(random.nextInt(bidders.size()));
                String auctionId = auctions.get(random.nextInt(auctions.size()));
                int amount = 10 + round * 7 + random.nextInt(20);
                scenario.request(
                        bidder,
                        random.nextBoolean()
                                ? placeBid(auctionId, amount)
                                : placeBid(auctionId, null).with("maxAmount", amount * 2));
            }
            scenario.request(seller, placeBid(auctions.get(0), 1_000));
            assertModerated(scenario.request(moderator, moderate(auctions.get(6), "end")));
            assertModerated(scenario.request(moderator, moderate(auctions.get(7), "cancel")));
            for (String auctionId : auctions) {
                Waits.until(
                        auctionId + " has ended",
                        () -> "ENDED"
                                .equals(stack.http()
                                        .get("/api/auctions/" + auctionId, null)
                                        .json()
                                        .path("status")
                                        .asString()));
            }
        }
        stack.close();
    }

    private static void assertModerated(JsonNode reply) {
        assertThat(reply.path("type").asString())
                .as("reply to a moderator: %s", reply)
                .isEqualTo("moderated");
    }

    private static Messages.Builder moderate(String auctionId, String action) {
        return message("moderate-auction").with("auctionId", auctionId).with("action", action);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static ReplayReport replay(EngineSettings settings) throws Exception {
        return new Replay(
                        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()),
                        settings,
                        Duration.ofMinutes(2),
                        true,
                        Clock.systemUTC())
                .run();
    }

    @Test
    void replayingTheCommandLogReproducesEveryEventExactly() throws Exception {
        ReplayReport report = replay(EngineSettings.defaults());

        assertThat(report.identical()).as(report.summary()).isTrue();
        assertThat(report.compared().get("event")).isGreaterThan(30);
        assertThat(report.compared().get("rejection")).isPositive();
    }

    @Test
    void aReplayWithOtherRulesIsCaughtDifferent() throws Exception {
        EngineSettings defaults = EngineSettings.defaults();
        EngineSettings steeperIncrements = new EngineSettings(
                new BidIncrements(List.of(new BidIncrements.Step(0, 1_000))),
                defaults.punctuationInterval(),
                defaults.closeGrace(),
                defaults.gatewayTimeout(),
                defaults.endedRetention(),
                true,
                defaults.topics());

        ReplayReport report = replay(steeperIncrements);

        assertThat(report.identical()).as(report.summary()).isFalse();
        assertThat(report.differences()).isNotEmpty();
    }
}
