package dev.gavel.systemtests.shows;

import static dev.gavel.systemtests.support.Messages.message;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.JsonSerde;
import dev.gavel.events.LogReader;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowView;
import dev.gavel.events.Topics;
import dev.gavel.events.contract.ContractSchemas;
import dev.gavel.processor.replay.Replay;
import dev.gavel.processor.replay.ReplayReport;
import dev.gavel.processor.topology.EngineSettings;
import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.KafkaBroker;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.ShowHost;
import dev.gavel.systemtests.support.Waits;
import dev.gavel.systemtests.support.WsClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A whole show on a real broker, with the real processor and gateway and real WebSocket clients: a seller schedules a
 * show with three lots, viewers join before it starts and pre-bid, the host runs the lots one after another and the
 * viewers follow each lot without subscribing to it, a lot goes unsold and is run again, the show ends. Then the
 * records of every topic are checked against their schemas, and a replay of the command logs against the show.
 */
class WholeShowTest {

    private static final Duration LOT = Duration.ofSeconds(5);

    private static KafkaBroker broker;
    private static GavelStack stack;
    private static String showId;
    private static final List<JsonNode> viewerSaw = new ArrayList<>();
    private static final List<JsonNode> replies = new ArrayList<>();
    private static final List<String> runs = new ArrayList<>();
    private static JsonNode ended;
    private static JsonNode restShow;
    private static JsonNode restList;

    @BeforeAll
    static void runAShow() {
        broker = KafkaBroker.dedicated();
        stack = GavelStack.start(broker.bootstrap(), Map.of());
        try (Scenario scenario = new Scenario(stack)) {
            WsClient sam = scenario.connect("sam");
            WsClient bob = scenario.connect("bob");
            WsClient carol = scenario.connect("carol");
            WsClient viewer = scenario.connect("vera");
            ShowHost host = ShowHost.announce(scenario, sam, "Spring vinyl drop");
            showId = host.showId();
            host.addLot("Signed LP", 20, null, null);
            host.addLot("Poster", 5, 50, null);
            host.addLot("Tote bag", 10, null, 40);

            // Before the show starts: the viewers join, two bidders pre-bid on the first lot.
            replies.add(scenario.request(viewer, message("subscribe-show").with("showId", showId)));
            replies.add(scenario.request(bob, message("subscribe-show").with("showId", showId)));
            replies.add(preBid(scenario, bob, 1, 45));
            replies.add(preBid(scenario, carol, 1, 30));
            replies.add(preBid(scenario, sam, 1, 30));
            replies.add(preBid(scenario, carol, 2, 6));
            replies.add(host.request(message("run-lot").with("lotNo", 1).with("durationMs", LOT.toMillis())));
            host.start();

            runs.add(host.run(1, LOT));
            replies.add(host.request(message("run-lot").with("lotNo", 2).with("durationMs", LOT.toMillis())));
            replies.add(scenario.request(
                    bob,
                    message("run-lot").with("showId", showId).with("lotNo", 2).with("durationMs", LOT.toMillis())));
            lotEnded(viewer, 1);
            // The poster's only bid, Carol's pre-bid, stays below its reserve: unsold, then run again and sold.
            runs.add(host.run(2, LOT));
            viewer.snapshot(runs.get(1));
            lotEnded(viewer, 2);
            runs.add(host.run(2, LOT));
            viewer.snapshot(runs.get(2));
            scenario.request(bob, placeBid(runs.get(2), 60));
            lotEnded(viewer, 3);
            runs.add(host.run(3, LOT));
            viewer.snapshot(runs.get(3));
            lotEnded(viewer, 4);
            ended = host.end();
            viewer.await(
                    "show-ended",
                    message -> "show-ended".equals(message.path("change").asString()));
            viewerSaw.addAll(viewer.received());
            restShow = stack.http().get("/api/shows/" + showId, null).json();
            restList = stack.http().get("/api/shows", null).json();
        }
        stack.close();
    }

    private static JsonNode preBid(Scenario scenario, WsClient bidder, int lotNo, int maxAmount) {
        return scenario.request(
                bidder,
                message("place-pre-bid")
                        .with("showId", showId)
                        .with("lotNo", lotNo)
                        .with("maxAmount", maxAmount));
    }

    /** Waits until the viewer has seen {@code count} lots end. */
    private static void lotEnded(WsClient viewer, int count) {
        Waits.until(
                count + " lots ended for the viewer",
                () -> viewer.received().stream()
                                .filter(message -> "lot-ended"
                                        .equals(message.path("change").asString()))
                                .count()
                        >= count);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static List<JsonNode> repliesOfType(String type) {
        return replies.stream()
                .filter(reply -> type.equals(reply.path("type").asString()))
                .toList();
    }

    private static JsonNode lastShow() {
        return ended.path("show");
    }

    @Test
    void viewersWhoJoinedBeforeTheStartGotTheShowAndNoLotWasRunBeforeIt() {
        assertThat(replies.get(0).path("type").asString()).isEqualTo("show-snapshot");
        assertThat(replies.get(0).path("show").path("status").asString()).isEqualTo("SCHEDULED");
        assertThat(replies.get(6).path("code").asString()).isEqualTo("SHOW_NOT_LIVE");
    }

    @Test
    void viewersWereToldHowManyWatchTheShow() {
        assertThat(viewerSaw)
                .anyMatch(message -> "show-viewers".equals(message.path("type").asString())
                        && showId.equals(message.path("showId").asString())
                        && message.path("viewers").asInt() == 2);
    }

    @Test
    void preBidsAreTakenPrivatelyAndTheHostsOwnIsRefused() {
        assertThat(repliesOfType("pre-bid-accepted")).hasSize(3);
        assertThat(replies.get(4).path("code").asString()).isEqualTo("SELF_BID");
    }

    @Test
    void oneLotRunsAtATimeAndOnlyTheHostRunsThem() {
        assertThat(replies.get(7).path("code").asString()).isEqualTo("LOT_RUNNING");
        assertThat(replies.get(8).path("code").asString()).isEqualTo("NOT_HOST");
    }

    @Test
    void theViewerFollowedEveryLotAsItStartedWithoutSubscribingToIt() {
        for (String auctionId : runs) {
            assertThat(viewerSaw)
                    .as("the snapshot of " + auctionId)
                    .anyMatch(message -> "snapshot".equals(message.path("type").asString())
                            && auctionId.equals(
                                    message.path("auction").path("id").asString()));
            assertThat(viewerSaw)
                    .as("the end of " + auctionId)
                    .anyMatch(message -> "auction-ended"
                                    .equals(message.path("type").asString())
                            && auctionId.equals(message.path("auctionId").asString()));
        }
    }

    @Test
    void thePreBidsWereResolvedByTheProxyRulesInTheOrderReceived() {
        JsonNode lot = lastShow().path("lineup").get(0);
        assertThat(lot.path("status").asString()).isEqualTo("SOLD");
        assertThat(lot.path("winner").path("name").asString()).isEqualTo("bob");
        // Carol's 30 was beaten by Bob's 45, received first, at one increment (2.00 from 30.00) above hers.
        assertThat(lot.path("finalPrice").decimalValue()).isEqualByComparingTo("32");
    }

    @Test
    void anUnsoldLotRanAgainAsANewAuctionAndSold() {
        JsonNode poster = lastShow().path("lineup").get(1);
        assertThat(poster.path("runs").asInt()).isEqualTo(2);
        assertThat(poster.path("auctionId").asString()).isEqualTo(showId + "_2_2");
        assertThat(poster.path("status").asString()).isEqualTo("SOLD");
        assertThat(lastShow().path("lineup").get(2).path("status").asString()).isEqualTo("UNSOLD");
        assertThat(lastShow().path("status").asString()).isEqualTo("ENDED");
    }

    @Test
    void theRestApiListsAndReadsTheEndedShow() {
        assertThat(restShow.path("status").asString()).isEqualTo("ENDED");
        assertThat(restShow.path("seq").asLong())
                .isEqualTo(lastShow().path("seq").asLong());
        assertThat(restList.path("items"))
                .anyMatch(item -> showId.equals(item.path("id").asString()));
    }

    @Test
    void everyRecordOfEveryTopicMatchesTheSchemaOfItsTopic() {
        ContractSchemas schemas = ContractSchemas.current();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String topic : ContractSchemas.SCHEMA_OF_TOPIC.keySet()) {
            for (ConsumerRecord<String, byte[]> record : LogReader.records(kafka(), topic)) {
                if (record.value() != null) {
                    checked++;
                    schemas.problemsOfTopic(topic, record.value())
                            .forEach(problem -> problems.add(record.topic() + "@" + record.offset() + " " + problem));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(40);
    }

    @Test
    void theShowsEventsFoldIntoItsLatestSnapshot() {
        List<ShowEvent> events = LogReader.readByKey(kafka(), Topics.SHOW_EVENTS, JsonSerde.showEvents())
                .get(showId);
        ShowView folded = ((ShowEvent.ShowCreated) events.get(0)).show();
        for (ShowEvent event : events.subList(1, events.size())) {
            folded = folded.apply(event);
        }
        List<ConsumerRecord<String, byte[]>> snapshots = LogReader.records(kafka(), Topics.SHOW_STATE);
        ShowView latest = JsonSerde.showViews()
                .deserialize(
                        Topics.SHOW_STATE, snapshots.get(snapshots.size() - 1).value());

        assertThat(folded).isEqualTo(latest);
        assertThat(new String(snapshots.get(snapshots.size() - 1).value(), UTF_8))
                .as("no private data in a public snapshot")
                .doesNotContain("reservePriceCents")
                .doesNotContain("maxAmountCents")
                .doesNotContain("4500");
    }

    @Test
    void replayingTheCommandLogsReproducesTheShowExactly() throws Exception {
        ReplayReport report = new Replay(
                        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()),
                        EngineSettings.defaults(),
                        Duration.ofMinutes(2),
                        true,
                        Clock.systemUTC())
                .run();

        assertThat(report.identical()).as(report.summary()).isTrue();
        assertThat(report.compared().get("show event")).isGreaterThan(10);
        assertThat(report.compared().get("show notice")).isPositive();
        assertThat(report.compared().get("event")).isGreaterThan(10);
    }

    private static Map<String, Object> kafka() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    }
}
