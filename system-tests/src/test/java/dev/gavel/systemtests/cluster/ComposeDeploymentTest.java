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
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;

/**
 * The root docker-compose.yml, brought up as users would (images built from the modules' Dockerfiles, three brokers,
 * topic-init, processor, gateway), where Docker is available; skipped cleanly elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeDeploymentTest {

    @Container
    static final ComposeContainer COMPOSE = new ComposeContainer(new File("../docker-compose.yml"))
            .withBuild(true)
            .withEnv("GAVEL_AUTH_JWT_SECRET", GavelStack.JWT_SECRET)
            .withEnv("GAVEL_AUTH_DEMO_TOKENS", "true")
            .withExposedService(
                    "gateway",
                    8080,
                    Wait.forHttp("/readyz").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(10)));

    @Test
    void aBidTravelsThroughTheComposedDeployment() {
        URI base = URI.create(
                "http://" + COMPOSE.getServiceHost("gateway", 8080) + ":" + COMPOSE.getServicePort("gateway", 8080));
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
}
