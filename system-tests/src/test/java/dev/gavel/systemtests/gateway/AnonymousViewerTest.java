package dev.gavel.systemtests.gateway;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Messages.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.KafkaBroker;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.WsClient;
import dev.gavel.systemtests.support.WsClient.HandshakeRefused;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** With {@code gavel.auth.anonymous-viewers=true}, a viewer without a token may watch, but never bid or create. */
class AnonymousViewerTest {

    private static GavelStack stack;

    @BeforeAll
    static void start() {
        stack = GavelStack.start(KafkaBroker.bootstrapServers(), Map.of("gavel.auth.anonymous-viewers", "true"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void anAnonymousViewerWatchesButCannotBid() {
        try (Scenario scenario = new Scenario(stack);
                WsClient viewer = WsClient.connect(stack.webSocketUri(), null)) {
            WsClient seller = scenario.connect("sam");
            String auctionId = scenario.open(seller, createAuction());

            JsonNode snapshot = scenario.request(viewer, subscribe(auctionId));
            JsonNode bid = scenario.request(viewer, placeBid(auctionId, 100));
            JsonNode create = scenario.request(viewer, createAuction());

            assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
            assertThat(bid.path("code").asString()).isEqualTo("UNAUTHORIZED");
            assertThat(create.path("code").asString()).isEqualTo("UNAUTHORIZED");
        }
    }

    @Test
    void anInvalidTokenIsStillRefused() {
        assertThatThrownBy(() -> WsClient.connect(stack.webSocketUri(), "not-a-token"))
                .isInstanceOfSatisfying(
                        HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
