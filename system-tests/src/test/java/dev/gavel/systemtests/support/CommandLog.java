package dev.gavel.systemtests.support;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The command log as seen from outside: marks where it ends now, and later reads what was appended since. Lets a
 * test prove that bad input produced no command.
 */
public final class CommandLog {

    private final String bootstrapServers;
    private final Map<TopicPartition, Long> start;

    private CommandLog(String bootstrapServers, Map<TopicPartition, Long> start) {
        this.bootstrapServers = bootstrapServers;
        this.start = start;
    }

    /** Marks the current end of the command log. */
    public static CommandLog mark(String bootstrapServers) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUCTION_COMMANDS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            return new CommandLog(bootstrapServers, consumer.endOffsets(partitions));
        }
    }

    /** Every command appended since the mark (read_committed, so also the processor's own closes once committed). */
    public List<AuctionCommand> appended() {
        JsonSerde<AuctionCommand> serde = JsonSerde.commands();
        List<AuctionCommand> commands = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(start.keySet());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    commands.add(serde.deserialize(record.topic(), record.value()));
                }
            }
        }
        return commands;
    }

    /** Commands appended since the mark that were issued by {@code userId}. */
    public List<AuctionCommand> appendedBy(String userId) {
        return appended().stream()
                .filter(command -> command.issuer() != null
                        && Objects.equals(command.issuer().id(), userId))
                .toList();
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
