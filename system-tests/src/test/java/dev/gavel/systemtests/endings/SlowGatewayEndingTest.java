package dev.gavel.systemtests.endings;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Messages.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Http;
import dev.gavel.systemtests.support.KafkaBroker;
import dev.gavel.systemtests.support.Messages;
import dev.gavel.systemtests.support.Users;
import dev.gavel.systemtests.support.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two gateways, one of which writes every bid late. An auction is closed as soon as every gateway has said that what it
 * received before the end is in the log: a bid received just before the end on the slow gateway is still decided
 * before the close, although it reaches the log after the fast gateway has passed the end and after the grace the
 * processor used to allow.
 */
class SlowGatewayEndingTest {

    private static KafkaBroker broker;
    private static GavelStack stack;
    private static ConfigurableApplicationContext slowGateway;

    @BeforeAll
    static void startTwoGateways() {
        broker = KafkaBroker.dedicated();
        stack = GavelStack.start(broker.bootstrap(), Map.of());
        slowGateway = GavelStack.gatewayOnly(
                broker.bootstrap(),
                Map.of("spring.kafka.producer.properties.interceptor.classes", HeldBackBids.class.getName()));
    }

    @AfterAll
    static void stop() {
        slowGateway.close();
        stack.close();
        broker.close();
    }

    @Test
    void bidReceivedJustBeforeTheEndOnASlowGatewayIsAcceptedAndTheEndingComesAfterIt() {
        URI slow = URI.create("http://127.0.0.1:" + GavelStack.port(slowGateway));
        Users.User alice = stack.signIn("alice");
        Users.User bob = new Http(slow).demoToken("bob");
        WsClient seller = stack.connect(alice);
        WsClient bidder = WsClient.connect(URI.create("ws://127.0.0.1:" + slow.getPort() + "/ws"), bob.token());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            Messages.Builder create = createAuction().with("durationMs", 6_000).with("softCloseMs", 0);
            seller.send(create.json());
            JsonNode created = seller.reply(create.requestId());
            assertThat(created.path("type").asString()).as("reply %s", created).isEqualTo("auction-created");
            JsonNode auction = created.path("auction");
            String auctionId = auction.path("id").asString();
            long endsAt = auction.path("endsAt").asLong();
            seller.send(subscribe(auctionId).json());
            Messages.Builder bid = placeBid(auctionId, 150);

            // Sent 30 ms before the end: the slow gateway receives it in time, and writes it 400 ms later.
            timer.schedule(
                    () -> bidder.send(bid.json()), endsAt - 30 - System.currentTimeMillis(), TimeUnit.MILLISECONDS);

            JsonNode reply = bidder.await(
                    "the decision of the late-written bid",
                    message -> bid.requestId().equals(message.path("requestId").asString(null)),
                    Duration.ofSeconds(15));
            assertThat(reply.path("type").asString()).as("reply %s", reply).isEqualTo("bid-accepted");
            JsonNode ended = seller.await(
                    "the auction's end",
                    message -> "auction-ended".equals(message.path("type").asString()),
                    Duration.ofSeconds(15));
            JsonNode placed = seller.event("bid-updated", auctionId);

            assertThat(ended.path("outcome").asString()).isEqualTo("SOLD");
            assertThat(ended.path("winner").path("id").asString()).isEqualTo(bob.id());
            assertThat(ended.path("seq").asLong())
                    .isGreaterThan(placed.path("seq").asLong());
            assertThat(seller.arrivalNanos(ended)).isGreaterThan(seller.arrivalNanos(placed));
        } finally {
            timer.shutdownNow();
            bidder.close();
            seller.close();
        }
    }
}
