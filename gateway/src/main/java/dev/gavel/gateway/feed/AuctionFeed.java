package dev.gavel.gateway.feed;

import dev.gavel.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;

/**
 * Reads every partition of the processor's output, without a consumer group: every gateway instance sees every
 * event and every private outcome, so any instance can serve any auction and answer any command it produced. What
 * each record means is the {@link ResultRouter}'s business.
 *
 * <p>At start it pins the end of the event topics (auctions' and shows'), then loads the compacted {@code
 * auction-state} and {@code show-state} topics up to their end, then follows the events from the pinned positions. Every event committed before the pin is in the state it loaded;
 * every later one is read; an event in both is skipped by its seq. The compacted {@code show-stats} and {@code
 * show-viewers} topics are read from their beginning and followed. Only committed results are read.
 */
public class AuctionFeed implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AuctionFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final ResultRouter results;
    private final Supplier<Instant> forgetEndedBefore;
    /** Next offset to read per partition, so that a restart of the loop resumes where it stopped. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();

    private volatile boolean running;
    private volatile boolean ready;
    private boolean loaded;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param consumers a new consumer for each attempt to read: {@link #kafkaConsumers} in the gateway
     * @param forgetEndedBefore asked when the state is loaded: an auction that ended before it is not (the directory
     *     would soon forget it)
     */
    public AuctionFeed(
            Supplier<Consumer<String, byte[]>> consumers, ResultRouter results, Supplier<Instant> forgetEndedBefore) {
        this.consumers = consumers;
        this.results = results;
        this.forgetEndedBefore = forgetEndedBefore;
    }

    /**
     * Consumers as the feed needs them: no group, so no commits, and only committed records; their client metrics are
     * bound to {@code meters} while they are open.
     */
    public static DefaultKafkaConsumerFactory<String, byte[]> kafkaConsumers(
            Map<String, Object> consumerConfig, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        DefaultKafkaConsumerFactory<String, byte[]> factory =
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        factory.addListener(new MicrometerConsumerListener<>(meters));
        return factory;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "gavel-auction-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Up once the snapshot of every auction is loaded and events are followed. */
    @Override
    public Health health() {
        return (ready ? Health.up() : Health.outOfService())
                .withDetail("auctions", results.auctions())
                .build();
    }

    public boolean isReady() {
        return ready;
    }

    private void run() {
        while (running) {
            try (Consumer<String, byte[]> kafka = consumers.get()) {
                consumer = kafka;
                if (loaded) {
                    resume(kafka);
                } else {
                    positions.clear();
                    catchUp(kafka);
                    loaded = true;
                }
                ready = true;
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                        results.route(record);
                        positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                log.error("Reading auction events failed; retrying in {}", RETRY, e);
                pause();
            }
        }
    }

    private void catchUp(Consumer<String, byte[]> kafka) {
        List<TopicPartition> live = new ArrayList<>(partitions(kafka, Topics.AUCTION_EVENTS));
        live.addAll(partitions(kafka, Topics.BID_REJECTIONS));
        live.addAll(partitions(kafka, Topics.SHOW_EVENTS));
        live.addAll(partitions(kafka, Topics.SHOW_NOTICES));
        List<TopicPartition> statistics = new ArrayList<>(partitions(kafka, Topics.SHOW_STATS));
        statistics.addAll(partitions(kafka, Topics.SHOW_VIEWERS));
        List<TopicPartition> state = new ArrayList<>(partitions(kafka, Topics.AUCTION_STATE));
        state.addAll(partitions(kafka, Topics.SHOW_STATE));
        List<TopicPartition> all = new ArrayList<>(live);
        all.addAll(statistics);
        all.addAll(state);
        kafka.assign(all);
        kafka.seekToEnd(live);
        live.forEach(partition -> positions.put(partition, kafka.position(partition)));
        kafka.pause(live);
        kafka.seekToBeginning(statistics);
        kafka.seekToBeginning(state);
        Map<TopicPartition, Long> end = kafka.endOffsets(state);
        Instant forgetEndedBefore = this.forgetEndedBefore.get();
        int restored = 0;
        while (running && !reached(kafka, end)) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                if (record.topic().equals(Topics.AUCTION_STATE)
                        || record.topic().equals(Topics.SHOW_STATE)) {
                    results.restore(record, forgetEndedBefore);
                    restored++;
                } else {
                    results.route(record);
                }
            }
        }
        statistics.forEach(partition -> positions.put(partition, kafka.position(partition)));
        kafka.assign(List.copyOf(positions.keySet()));
        positions.forEach(kafka::seek);
        kafka.resume(live);
        log.info("Loaded {} auction snapshots ({} records); following events", results.auctions(), restored);
    }

    private void resume(Consumer<String, byte[]> kafka) {
        kafka.assign(List.copyOf(positions.keySet()));
        positions.forEach(kafka::seek);
    }

    private boolean reached(Consumer<String, byte[]> kafka, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue());
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> kafka, String topic) {
        while (running) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
            }
            log.info("Waiting for topic {} to exist", topic);
            pause();
        }
        throw new WakeupException();
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
