package dev.gavel.systemtests.gateway;

import static dev.gavel.systemtests.support.Messages.placeBid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Http;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.WsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** With no Kafka to talk to, the gateway answers commands UNAVAILABLE within seconds and says it is not ready. */
class KafkaUnavailableTest {

    private static ConfigurableApplicationContext gateway;
    private static URI base;

    @BeforeAll
    static void start() {
        gateway = GavelStack.gatewayOnly(
                "127.0.0.1:" + closedPort(),
                Map.of("spring.kafka.admin.operation-timeout", "1s", "spring.kafka.admin.close-timeout", "1s"));
        base = URI.create("http://127.0.0.1:" + GavelStack.port(gateway));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aBidIsAnsweredUnavailablePromptly() {
        User bob = new Http(base).demoToken("bob");
        try (WsClient client =
                WsClient.connect(URI.create("ws://127.0.0.1:" + GavelStack.port(gateway) + "/ws"), bob.token())) {
            long start = System.nanoTime();

            client.send(placeBid("some-auction", 100).with("requestId", "b1").json());

            JsonNode reply = client.await(
                    "a reply", m -> "b1".equals(m.path("requestId").asString(null)), Duration.ofSeconds(15));
            assertThat(reply.path("type").asString()).isEqualTo("error");
            assertThat(reply.path("code").asString()).isEqualTo("UNAVAILABLE");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void healthSaysTheGatewayIsNotReady() {
        Http.Response health = GavelStack.managementHttp(gateway).get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json()
                        .path("components")
                        .path("auctionFeed")
                        .path("status")
                        .asString())
                .isEqualTo("OUT_OF_SERVICE");
        assertThat(new Http(base).get("/readyz", null).status()).isEqualTo(503);
    }
}
