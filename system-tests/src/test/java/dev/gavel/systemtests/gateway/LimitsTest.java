package dev.gavel.systemtests.gateway;

import static dev.gavel.systemtests.support.Messages.message;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.WsClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Abuse limits with the default settings: 20 commands/s per user (burst 40), 50 messages/s per connection (burst
 * 100), 10 connections per user. */
class LimitsTest {

    private final Scenario scenario = new Scenario(GavelStack.shared());

    @AfterEach
    void close() {
        scenario.close();
    }

    @Test
    void commandsBeyondTheBurstAreRateLimitedAndTheConnectionStaysUsable() {
        WsClient client = scenario.connect("bot");

        for (int i = 0; i < 60; i++) {
            client.send(
                    placeBid("no-such-auction", 1).with("requestId", "b" + i).json());
        }

        JsonNode limited = client.await(
                "a rate-limit error", m -> m.path("code").asString().equals("RATE_LIMITED"));
        assertThat(limited.path("requestId").asString()).startsWith("b");
        assertThat(client.reply("b0").path("reason").asString()).isEqualTo("AUCTION_NOT_FOUND");
        assertThat(scenario.request(client, message("ping")).path("type").asString())
                .isEqualTo("pong");
    }

    @Test
    void aFloodingClientIsDisconnected() {
        WsClient flooder = scenario.connect("flood");

        for (int i = 0; i < 400 && !flooder.isClosed(); i++) {
            flooder.send("{\"type\":\"ping\"}");
        }

        assertThat(flooder.awaitClose()).isEqualTo(1008);
        assertThat(flooder.closeReason()).isEqualTo("too many requests");
    }

    @Test
    void aUserMayNotOpenMoreThanTenConnections() {
        User user = scenario.user("many");
        List<WsClient> connections = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            connections.add(scenario.connect(user));
        }

        WsClient eleventh = scenario.connect(user);

        assertThat(eleventh.awaitClose()).isEqualTo(4029);
        assertThat(scenario.request(connections.get(9), message("ping"))
                        .path("type")
                        .asString())
                .isEqualTo("pong");
    }
}
