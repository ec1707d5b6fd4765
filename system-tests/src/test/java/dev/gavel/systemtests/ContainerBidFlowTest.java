package dev.gavel.systemtests;

import dev.gavel.systemtests.support.GavelStack;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same scenario against the official apache/kafka image, where Docker is available; skipped cleanly elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBidFlowTest extends BidFlowScenario {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.4.0")
            // The processors' 2 s sessions, as every deployment of Gavel allows them (docs/adr/0010).
            .withEnv("KAFKA_GROUP_MIN_SESSION_TIMEOUT_MS", "1000");

    private static GavelStack stack;

    @BeforeAll
    static void startStack() {
        stack = GavelStack.start(KAFKA.getBootstrapServers(), Map.of());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Override
    GavelStack stack() {
        return stack;
    }
}
