package dev.gavel.systemtests.cluster;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Http;
import dev.gavel.systemtests.support.Messages;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.WsClient;
import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;

/**
 * The root docker-compose.yml, brought up as users would (images built from the modules' Dockerfiles, three brokers,
 * topic-init, processor, gateway) with its observability profile (Prometheus, Grafana), where Docker is available;
 * skipped cleanly elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeDeploymentTest {

    @Container
    static final ComposeContainer COMPOSE = new ComposeContainer(new File("../docker-compose.yml"))
            .withBuild(true)
            .withEnv("GAVEL_AUTH_JWT_SECRET", GavelStack.JWT_SECRET)
            .withEnv("GAVEL_AUTH_DEMO_TOKENS", "true")
            .withEnv("COMPOSE_PROFILES", "observability")
            .withExposedService(
                    "gateway",
                    8080,
                    Wait.forHttp("/readyz").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(10)))
            .withExposedService("prometheus", 9090, Wait.forHttp("/-/ready").forStatusCode(200))
            .withExposedService("grafana", 3000, Wait.forHttp("/api/health").forStatusCode(200));

    @Test
    void aBidTravelsThroughTheComposedDeployment() {
        URI base = service("gateway", 8080);
        Http http = new Http(base);
        User alice = http.demoToken("alice");
        User bob = http.demoToken("bob");
        URI ws = URI.create(base.toString().replace("http", "ws") + "/ws");
        try (WsClient seller = WsClient.connect(ws, alice.token());
                WsClient bidder = WsClient.connect(ws, bob.token())) {
            Messages.Builder create = createAuction();
            seller.send(create.json());
            String auctionId =
                    seller.reply(create.requestId()).path("auction").path("id").asString();
            Messages.Builder bid = placeBid(auctionId, 150);

            bidder.send(bid.json());

            JsonNode reply = bidder.reply(bid.requestId());
            assertThat(reply.path("type").asString()).isEqualTo("bid-accepted");
            assertThat(http.get("/api/auctions/" + auctionId, null)
                            .json()
                            .path("currentBid")
                            .decimalValue())
                    .isEqualByComparingTo("150");
        }
    }

    @Test
    void theObservabilityProfileScrapesTheServicesWithTheAlertsLoaded() {
        Http prometheus = new Http(service("prometheus", 9090));

        assertThat(alertNames(prometheus.get("/api/v1/rules?type=alert", null).json()))
                .contains("GavelServiceDown", "GavelCommandTimeouts", "GavelEndingsLate");
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(healthyJobs(prometheus)).contains("bid-processor", "analytics"));
    }

    @Test
    void grafanaShowsTheProvisionedDashboardToAnonymousViewers() {
        Http grafana = new Http(service("grafana", 3000));

        Http.Response dashboard = grafana.get("/api/dashboards/uid/gavel-live-show", null);

        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.json().path("dashboard").path("title").asString()).isEqualTo("Gavel: live show");
    }

    private static URI service(String name, int port) {
        return URI.create("http://" + COMPOSE.getServiceHost(name, port) + ":" + COMPOSE.getServicePort(name, port));
    }

    /** The names of the alert rules in Prometheus' answer to {@code /api/v1/rules}. */
    private static List<String> alertNames(JsonNode rules) {
        List<String> names = new ArrayList<>();
        for (JsonNode group : rules.path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                names.add(rule.path("name").asString());
            }
        }
        return names;
    }

    private static List<String> healthyJobs(Http prometheus) {
        List<String> jobs = new ArrayList<>();
        for (JsonNode target :
                prometheus.get("/api/v1/targets", null).json().path("data").path("activeTargets")) {
            if (target.path("health").asString().equals("up")) {
                jobs.add(target.path("labels").path("job").asString());
            }
        }
        return jobs;
    }
}
