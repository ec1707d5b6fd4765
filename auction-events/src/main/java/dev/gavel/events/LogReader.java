package dev.gavel.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic as a downstream consumer would, for audits and replays: committed records only
 * (read_committed), from the beginning to the end the topic had when the read started, without a consumer group.
 */
public final class LogReader {

    private LogReader() {}

    /**
     * The records of {@code topic}, grouped by key (auction id), each key's records in log order.
     *
     * @param client client settings: at least the bootstrap servers
     */
    public static <T> Map<String, List<T>> readByKey(Map<String, Object> client, String topic, Deserializer<T> values) {
        return readByKey(client, topic, values, key -> true);
    }

    /**
     * The records of the keys {@code wanted} accepts, grouped by key, each key's records in log order. The others are
     * skipped as they are read, so a long-lived topic need not fit in memory.
     */
    public static <T> Map<String, List<T>> readByKey(
            Map<String, Object> client, String topic, Deserializer<T> values, Predicate<String> wanted) {
        Map<String, List<T>> byKey = new LinkedHashMap<>();
        read(client, topic, record -> {
            if (wanted.test(record.key())) {
                byKey.computeIfAbsent(record.key(), key -> new ArrayList<>())
                        .add(values.deserialize(topic, record.value()));
            }
        });
        return byKey;
    }

    /** Every committed record of {@code topic}, partition by partition, with its headers. */
    public static List<ConsumerRecord<String, byte[]>> records(Map<String, Object> client, String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        read(client, topic, records::add);
        return records;
    }

    private static void read(Map<String, Object> client, String topic, Consumer<ConsumerRecord<String, byte[]>> sink) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }
}
