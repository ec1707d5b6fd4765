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
import dev.gavel.systemtests.support.Scenario;
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

/**
 * Deterministic replay: the events of a real run on a real broker are exactly the events of running the topology
 * again over its command log. The run mixes every kind of command, late bids that extend, proxy bids, rejections and
 * endings decided by the processor's clock.
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
            List<WsClient> bidders =
                    List.of(scenario.connect("bob"), scenario.connect("carol"), scenario.connect("dan"));
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
            scenario.request(seller, message("cancel-auction").with("auctionId", auctions.get(3)));
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
