package dev.gavel.systemtests.support;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real KRaft broker for the whole test run, in this JVM (spring-kafka-test), on an ephemeral port. Tests share it
 * and keep apart by using fresh auction ids.
 */
public final class KafkaBroker {

    private static EmbeddedKafkaKraftBroker broker;

    private KafkaBroker() {}

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = dedicated();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-stop"));
            broker = started;
        }
        return broker.getBrokersAsString();
    }

    /** A broker of its own, for a test that needs a log nobody else writes to; the caller destroys it. */
    public static EmbeddedKafkaKraftBroker dedicated() {
        EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 6);
        // One broker: without these, every exactly-once producer hangs in InitProducerId.
        started.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false"));
        started.afterPropertiesSet();
        return started;
    }
}
