package dev.gavel.systemtests.security;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Messages.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.events.TopicSettings;
import dev.gavel.events.Topics;
import dev.gavel.systemtests.support.AclTable;
import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Http;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.SecuredKafkaBroker;
import dev.gavel.systemtests.support.Waits;
import dev.gavel.systemtests.support.WsClient;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Gavel on a broker that authenticates every client (SASL_SSL, SCRAM-SHA-512) and allows each service only what
 * ops/kafka/acls.tsv grants its principal, the topics created beforehand by an administrator: secured by
 * configuration alone.
 */
class SecuredKafkaTest {

    private static final AclTable ACLS = AclTable.read();

    private static SecuredKafkaBroker broker;
    private static GavelStack stack;

    @BeforeAll
    static void startOnASecuredBroker() throws Exception {
        broker = SecuredKafkaBroker.start();
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(TopicSettings.defaults().newTopics()))
                    .all()
                    .get();
        }
        broker.grant(ACLS);
        Map<String, String> processor = service("bid-processor");
        processor.put("spring.kafka.streams.application-id", "gavel-bid-processor");
        Map<String, String> analytics = service("analytics");
        analytics.put("spring.kafka.streams.application-id", "gavel-analytics");
        stack = GavelStack.start(broker.bootstrapServers(), processor, service("gateway"), analytics);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** A service's settings as an operator gives them: its own user, and topics it may not create. */
    private static Map<String, String> service(String user) {
        String password = "password-of-" + user;
        broker.createUser(user, password);
        Map<String, String> settings = new HashMap<>(broker.clientSettings(user, password));
        settings.put("gavel.topics.create", "false");
        return settings;
    }

    @Test
    void aBidIsDecidedAndDeliveredWhileEveryServiceHasOnlyTheAclsOfTheTable() {
        try (Scenario scenario = new Scenario(stack)) {
            WsClient seller = scenario.connect("alice");
            WsClient bidder = scenario.connect("bob");
            String auctionId = scenario.open(seller, createAuction().with("startingPrice", 100));
            seller.send(subscribe(auctionId).json());
            seller.snapshot(auctionId);

            JsonNode accepted = scenario.request(bidder, placeBid(auctionId, 150));

            assertThat(accepted.path("type").asString()).isEqualTo("bid-accepted");
            JsonNode update = seller.event("bid-updated", auctionId);
            assertThat(update.path("currentBid").decimalValue()).isEqualByComparingTo("150");
        }
    }

    @Test
    void aGatewayWithoutItsAclOnTheCommandTopicIsRefusedAtStartNamingTheTopic() {
        String user = "gateway-without-commands";
        broker.grant(ACLS.of("User:gateway")
                .without("topic", Topics.AUCTION_COMMANDS)
                .as("User:" + user));

        assertThatThrownBy(() -> GavelStack.gatewayOnly(broker.bootstrapServers(), service(user))
                        .close())
                .rootCause()
                .hasMessageContaining("not authorized to describe [" + Topics.AUCTION_COMMANDS + "]");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aProcessorWithoutItsAclOnTransactionalIdsStopsSayingSoAndIsDown(CapturedOutput output) {
        String user = "bid-processor-without-transactions";
        String applicationId = "gavel-bid-processor-without-transactions";
        broker.grant(ACLS.of("User:bid-processor")
                .without("transactional-id", "gavel-bid-processor-")
                .forApplicationId("gavel-bid-processor", applicationId)
                .as("User:" + user));
        Map<String, String> settings = service(user);
        settings.put("spring.kafka.streams.application-id", applicationId);

        try (ConfigurableApplicationContext processor = GavelStack.processorOnly(broker.bootstrapServers(), settings)) {
            Http http = new Http(URI.create("http://127.0.0.1:" + GavelStack.port(processor)));
            Waits.until(
                    "the processor is down",
                    () -> http.get("/actuator/health", null).body().contains("\"state\":\"ERROR\""));
        }
        assertThat(output)
                .contains("Kafka refused this instance an operation (Transactional Id authorization failed.): its"
                        + " principal lacks an ACL");
    }
}
