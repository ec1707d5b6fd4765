package dev.gavel.systemtests.gateway;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Messages.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.KafkaBroker;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.Waits;
import dev.gavel.systemtests.support.WsClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Clients that stop reading are dropped without delaying anyone else: every frame goes out asynchronously, and a send
 * that does not complete within the send time limit (here 2 s) closes the connection.
 */
class SlowClientTest {

    private static GavelStack stack;

    @BeforeAll
    static void start() {
        stack = GavelStack.start(
                KafkaBroker.bootstrapServers(),
                Map.of(
                        "gavel.gateway.send-time-limit", "2s",
                        // Queue and never conflate: the stuck clients must be dropped by the send time limit.
                        "gavel.gateway.conflate-after", "1h",
                        "gavel.gateway.send-queue-limit", "1000000",
                        "gavel.gateway.messages-per-second", "100000",
                        "gavel.gateway.message-burst", "100000",
                        "gavel.gateway.commands-per-second", "1000"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** A client that never reads: the JDK's WebSocket reads only what its listener requests. */
    private static WebSocket stuckClient(User user) {
        return HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Bearer " + user.token())
                .buildAsync(stack.webSocketUri(), new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket webSocket) {
                        // no request(n): nothing is ever read
                    }
                })
                .join();
    }

    @Test
    void stuckClientsAreDroppedWhileAFastClientKeepsItsLatency() {
        try (Scenario scenario = new Scenario(stack)) {
            WsClient seller = scenario.connect("sam");
            String bigAuction = scenario.open(seller, createAuction().with("description", "d".repeat(5_000)));
            String liveAuction = scenario.open(seller, createAuction().with("startingPrice", 1));
            WsClient fast = scenario.connect("fay");
            fast.send(subscribe(liveAuction).json());
            fast.snapshot(liveAuction);
            MeterRegistry meters = stack.gatewayBean(MeterRegistry.class);
            double droppedBefore = meters.counter("gavel.ws.slow.drops").count();
            List<WebSocket> stuck = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                WebSocket client = stuckClient(scenario.user("stuck-" + i));
                // Ask for megabytes of snapshots that will never be read.
                String ask = subscribe(bigAuction).json();
                for (int j = 0; j < 2_000; j++) {
                    client.sendText(ask, true).join();
                }
                stuck.add(client);
            }

            WsClient bidder = scenario.connect("bob");
            WsClient rival = scenario.connect("carol");
            List<Long> delaysMillis = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                WsClient next = i % 2 == 1 ? bidder : rival;
                JsonNode accepted = scenario.request(next, placeBid(liveAuction, i));
                long seq = i + 1;
                JsonNode update = fast.await("seq " + seq, m -> m.path("seq").asLong() == seq);
                delaysMillis.add(Duration.ofNanos(fast.arrivalNanos(update) - next.arrivalNanos(accepted))
                        .toMillis());
            }

            Waits.until(
                    "the stuck clients are dropped",
                    () -> meters.counter("gavel.ws.slow.drops").count() >= droppedBefore + 3);
            assertThat(fast.eventsOf(liveAuction).stream()
                            .map(m -> m.path("seq").asLong()))
                    .as("the fast client saw every event, in order")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(2, 21).boxed().toList());
            assertThat(delaysMillis)
                    .as("the fast client's updates arrived about when the bidders' replies did")
                    .allMatch(delay -> delay < 1_000);
            stuck.forEach(WebSocket::abort);
        }
    }
}
