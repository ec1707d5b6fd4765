package dev.gavel.loadgen.kafka;

import dev.gavel.loadgen.ws.Endpoints;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker the benchmarks write to. Every topic a run creates starts with the run's prefix, so runs never touch the
 * live Gavel topics or each other's, and {@link #deleteTopicsStartingWith} removes them afterwards.
 */
public final class Kafka implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;

    public Kafka(String bootstrap) {
        this.bootstrap = Endpoints.loopbackBootstrap(bootstrap);
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000));
    }

    public String bootstrap() {
        return bootstrap;
    }

    public Admin admin() {
        return admin;
    }

    public void createTopics(Collection<String> names, int partitions) {
        List<NewTopic> topics = names.stream()
                .map(name -> new NewTopic(name, partitions, (short) 1))
                .toList();
        get(admin.createTopics(topics).all(), "create topics " + names);
    }

    /** Deletes the run's topics, including the internal topics of its Streams applications. */
    public void deleteTopicsStartingWith(String prefix) {
        Set<String> names = get(admin.listTopics().names(), "list topics");
        List<String> mine =
                names.stream().filter(name -> name.startsWith(prefix)).toList();
        if (!mine.isEmpty()) {
            get(admin.deleteTopics(mine).all(), "delete topics " + mine);
        }
    }

    public long endOffsetSum(String topic, int partitions) {
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        return get(admin.listOffsets(request).all(), "end offsets of " + topic).values().stream()
                .mapToLong(info -> info.offset())
                .sum();
    }

    /** The sum of the offsets a consumer group committed on {@code topic}. */
    public long committedSum(String groupId, String topic) {
        var offsets = get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "offsets");
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    /** Producer settings like the gateway's: every record acknowledged by all replicas, idempotent. */
    public Map<String, Object> producerConfig(int lingerMs, int batchSize) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        return config;
    }

    public KafkaProducer<String, byte[]> producer(int lingerMs, int batchSize) {
        return new KafkaProducer<>(
                producerConfig(lingerMs, batchSize), new StringSerializer(), new ByteArraySerializer());
    }

    /** A consumer without a group (partitions are assigned by hand), reading committed records only. */
    public KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public static List<TopicPartition> partitions(String topic, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(p -> new TopicPartition(topic, p))
                .toList();
    }

    public static Duration pollTimeout() {
        return Duration.ofMillis(100);
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
