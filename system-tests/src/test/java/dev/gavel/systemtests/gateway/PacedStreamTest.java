package dev.gavel.systemtests.gateway;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Messages.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.KafkaBroker;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.WsClient;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A bidding war reaches viewers in fewer frames than events, every event still in order. The frame interval is 5 s
 * here, so that a few bids in a row surely fall within one interval on a busy machine.
 */
class PacedStreamTest {

    private static GavelStack stack;

    @BeforeAll
    static void start() {
        stack = GavelStack.start(KafkaBroker.bootstrapServers(), Map.of("gavel.gateway.stream-frame-interval", "5s"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aBiddingWarReachesAViewerInFewerFramesWithEveryEventInOrder() {
        try (Scenario scenario = new Scenario(stack)) {
            String auction = openAuction(scenario);
            WsClient viewer = scenario.connect("vic");
            viewer.send(subscribe(auction).json());
            viewer.snapshot(auction);

            fourBids(scenario, auction);
            viewer.await("the last bid", message -> message.path("seq").asLong() == 5);

            assertThat(viewer.eventsOf(auction).stream().map(WsClient::seqOf))
                    .as("every event, in order")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(2, 5).boxed().toList());
            List<JsonNode> shared = viewer.frames().stream()
                    .filter(frame -> "events".equals(frame.path("type").asString()))
                    .toList();
            assertThat(shared)
                    .as("the first bid went out at once, the three after it together")
                    .hasSize(1);
            assertThat(shared.get(0).path("auctionId").asString()).isEqualTo(auction);
            assertThat(shared.get(0).path("events").size()).isEqualTo(3);
        }
    }

    @Test
    void aViewerOfTheLatestStateGetsStatesNotEvents() {
        try (Scenario scenario = new Scenario(stack)) {
            String auction = openAuction(scenario);
            WsClient viewer = scenario.connect("vic");
            viewer.send(subscribe(auction).with("updates", "latest").json());
            viewer.snapshot(auction);

            fourBids(scenario, auction);
            JsonNode last = viewer.await(
                    "the state after the last bid",
                    message -> message.path("seq").asLong() == 5);

            assertThat(last.path("type").asString()).isEqualTo("auction-state");
            assertThat(last.path("auctionId").asString()).isEqualTo(auction);
            assertThat(last.path("currentBid").decimalValue()).isEqualByComparingTo("40");
            assertThat(last.path("bidCount").asInt()).isEqualTo(4);
            assertThat(viewer.frames().stream().map(frame -> frame.path("type").asString()))
                    .as("the snapshot, then states only")
                    .containsOnly("snapshot", "auction-state");
        }
    }

    @Test
    void anUnknownKindOfUpdatesIsAnError() {
        try (Scenario scenario = new Scenario(stack)) {
            String auction = openAuction(scenario);
            WsClient viewer = scenario.connect("vic");

            JsonNode reply = scenario.request(viewer, subscribe(auction).with("updates", "some"));

            assertThat(reply.path("type").asString()).isEqualTo("error");
            assertThat(reply.path("code").asString()).isEqualTo("INVALID_MESSAGE");
            assertThat(reply.path("message").asString()).contains("updates");
        }
    }

    private static String openAuction(Scenario scenario) {
        return scenario.open(scenario.connect("sam"), createAuction().with("startingPrice", 1));
    }

    /** Bob and Carol outbid each other four times: seq 2 to 5. */
    private static void fourBids(Scenario scenario, String auction) {
        WsClient bob = scenario.connect("bob");
        WsClient carol = scenario.connect("carol");
        for (int i = 1; i <= 4; i++) {
            JsonNode reply = scenario.request(i % 2 == 1 ? bob : carol, placeBid(auction, 10 * i));
            assertThat(reply.path("type").asString()).isEqualTo("bid-accepted");
        }
    }
}
