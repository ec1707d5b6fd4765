package dev.gavel.systemtests.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.systemtests.support.GavelStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * A processor instance that dies in the middle of a transaction leaves it open, and everything written after it to
 * the same partitions stays invisible to read_committed readers until it is aborted. The live instances abort it as
 * soon as the dead one has left the group, not when the transaction times out (here a minute).
 */
class DepartedMemberFencingTest {

    private final GavelStack stack = GavelStack.shared();
    private final String applicationId = stack.processorBean(StreamsBuilderFactoryBean.class)
            .getStreamsConfiguration()
            .getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    private final String topic = "fencing-test-" + UUID.randomUUID();
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    @Test
    void anOpenTransactionOfAStreamThreadNoLongerInTheGroupIsAbortedAtOnce() {
        // A stream thread of a process that is not (or no longer) a member of the processor's group.
        KafkaProducer<String, String> departed =
                openTransaction(applicationId + "-" + UUID.randomUUID() + "-1", "held back");

        write("written after it");

        Awaitility.await("the records after the departed thread's transaction become visible")
                .atMost(Duration.ofSeconds(10))
                .until(() -> committedValues().contains("written after it"));
        assertThat(committedValues()).doesNotContain("held back");
        assertThatThrownBy(departed::commitTransaction)
                .as("the departed thread's producer is fenced")
                .isInstanceOf(KafkaException.class);
    }

    @Test
    void anOpenTransactionThatIsNoStreamThreadsIsLeftToItsOwner() {
        KafkaProducer<String, String> other = openTransaction(applicationId + "-importer", "an importer's record");

        write("written after it");

        Awaitility.await("a transaction that is not a stream thread's stays open")
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(4))
                .until(() -> committedValues().isEmpty());
        other.commitTransaction();
        assertThat(committedValues()).containsExactly("an importer's record", "written after it");
    }

    private KafkaProducer<String, String> openTransaction(String transactionalId, String value) {
        KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        transactionalId,
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        60_000),
                new StringSerializer(),
                new StringSerializer());
        clients.add(producer);
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, value));
        producer.flush();
        return producer;
    }

    private void write(String value) {
        KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
        clients.add(producer);
        producer.send(new ProducerRecord<>(topic, value));
        producer.flush();
    }

    private List<String> committedValues() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            var partition = new org.apache.kafka.common.TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> values = new ArrayList<>();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
