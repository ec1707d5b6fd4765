package dev.gavel.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's own configuration (gateway.yml), both ports random: actuator on the management port only; the public
 * port answers the probes, with no detail. No Kafka is reachable, so the auctions are never loaded.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=gateway",
            "management.server.port=0",
            "gavel.auth.jwt-secret=a-secret-that-is-long-enough-for-hs256!",
            "gavel.auth.demo-tokens=true",
            "spring.kafka.admin.operation-timeout=1s",
            "spring.kafka.admin.close-timeout=1s"
        })
class ManagementPortTest {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int publicPort;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void noKafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator",
                "/actuator/prometheus",
                "/actuator/metrics",
                "/actuator/health",
                "/actuator/health/readiness",
                "/actuator/info"
            })
    void thePublicPortServesNoManagementEndpointEvenToASignedInUser(String path) {
        String token = signIn();

        assertThat(get(publicPort, path, null).statusCode()).isEqualTo(401);
        assertThat(get(publicPort, path, token).statusCode()).isEqualTo(404);
    }

    @Test
    void theManagementPortServesMetricsWithoutAToken() {
        HttpResponse<String> prometheus = get(managementPort, "/actuator/prometheus", null);
        HttpResponse<String> metrics = get(managementPort, "/actuator/metrics", null);

        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("\"names\"");
    }

    @Test
    void theManagementPortShowsHealthWithDetails() {
        HttpResponse<String> health = get(managementPort, "/actuator/health", null);

        assertThat(health.body()).contains("\"auctionFeed\"", "\"details\"");
    }

    @Test
    void theGatewayIsLiveButNotReadyUntilTheAuctionsAreLoaded() {
        HttpResponse<String> liveness = get(publicPort, "/livez", null);
        HttpResponse<String> readiness = get(publicPort, "/readyz", null);

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
    }

    @Test
    void theManagementPortAnswersTheSameProbes() {
        assertThat(get(managementPort, "/actuator/health/liveness", null).statusCode())
                .isEqualTo(200);
        assertThat(get(managementPort, "/actuator/health/readiness", null).statusCode())
                .isEqualTo(503);
    }

    private String signIn() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + publicPort + "/api/demo/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"alice\"}"))
                .build();
        return JsonSerde.MAPPER.readTree(send(request).body()).path("token").asString();
    }

    private static HttpResponse<String> get(int port, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
