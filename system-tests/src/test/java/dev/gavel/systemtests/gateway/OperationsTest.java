package dev.gavel.systemtests.gateway;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Http;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.WsClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What an operator watches: the services' probes, and on the gateway's management port health and metrics. */
class OperationsTest {

    private final GavelStack stack = GavelStack.shared();

    @Test
    void healthReportsTheKafkaFeed() {
        JsonNode health =
                stack.gatewayManagement().get("/actuator/health", null).json();

        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("auctionFeed").path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void theProcessorIsReadyWhileItsStreamsRunAndStaysAliveThroughARebalance() {
        JsonNode readiness =
                stack.processorHttp().get("/actuator/health/readiness", null).json();
        JsonNode liveness =
                stack.processorHttp().get("/actuator/health/liveness", null).json();

        assertThat(readiness.path("components").path("streams").path("status").asString())
                .isEqualTo("UP");
        assertThat(liveness.path("components").has("streamsLiveness")).isTrue();
        assertThat(liveness.path("components").has("streams"))
                .as("a rebalance makes the streams not ready, which must not restart the instance")
                .isFalse();
    }

    @Test
    void prometheusExposesConnectionsCommandsAndRejections() {
        try (Scenario scenario = new Scenario(stack)) {
            WsClient seller = scenario.connect("sam");
            String auctionId = scenario.open(seller, createAuction());
            scenario.request(seller, placeBid(auctionId, 100));

            Http.Response metrics = stack.gatewayManagement().get("/actuator/prometheus", null);

            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("gavel_ws_connections")
                    .contains("gavel_ws_subscriptions")
                    .contains("gavel_ws_messages_in_total")
                    .contains("gavel_ws_slow_drops_total")
                    .contains("gavel_commands_seconds_bucket")
                    .contains("gavel_commands_rejected_total{reason=\"SELF_BID\"}");
        }
    }
}
