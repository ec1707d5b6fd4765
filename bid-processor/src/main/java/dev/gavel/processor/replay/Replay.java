package dev.gavel.processor.replay;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.LogReader;
import dev.gavel.events.Topics;
import dev.gavel.processor.topology.AuctionTopology;
import dev.gavel.processor.topology.EngineSettings;
import dev.gavel.processor.topology.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Runs the topology again over the recorded command log, under a fresh application id and with its outputs under a
 * prefix, and compares what it produces with what the live processor produced. Because every decision, endings
 * included, follows from the command log, the two must be identical: any difference is a determinism bug.
 *
 * <p>The replay reads both command logs (auctions' and shows') up to where they ended when the replay started. Per
 * auction and per show, it compares the events (and
 * private rejections) both runs produced; when the live system is still running one side may be ahead, and only
 * the common part is compared unless {@code strict} asks for equal histories (a quiet system).
 */
public final class Replay {

    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    private final Map<String, Object> kafka;
    private final EngineSettings live;
    private final Duration timeout;
    private final boolean strict;
    private final Clock clock;

    /**
     * @param kafka client settings (bootstrap servers and security) shared by every client the replay creates
     * @param live the settings of the live processor, so that the replay applies the same rules
     */
    public Replay(Map<String, Object> kafka, EngineSettings live, Duration timeout, boolean strict, Clock clock) {
        this.kafka = Map.copyOf(kafka);
        this.live = live;
        this.timeout = timeout;
        this.strict = strict;
        this.clock = clock;
    }

    public ReplayReport run() throws Exception {
        String id = "gavel-replay-" + clock.millis();
        EngineSettings settings = live.forReplay(id + ".");
        TopicNames topics = settings.topics();
        Path stateDir = Files.createTempDirectory(id);
        try (Admin admin = Admin.create(kafka)) {
            Map<TopicPartition, Long> end = new HashMap<>(endOffsets(admin, topics.commands()));
            end.putAll(endOffsets(admin, topics.showCommands()));
            createOutputs(admin, topics, end.size() / 2);
            Properties config = new Properties();
            config.putAll(kafka);
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
            config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
            log.info(
                    "Replaying {} and {} up to {} with application id {}",
                    topics.commands(),
                    topics.showCommands(),
                    end,
                    id);
            try (KafkaStreams streams = new KafkaStreams(AuctionTopology.build(settings), config)) {
                streams.start();
                awaitCommitted(admin, id, end);
                streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
            } finally {
                FileSystemUtils.deleteRecursively(stateDir);
            }
            try {
                return compare(topics);
            } finally {
                deleteReplayTopics(admin, id);
            }
        }
    }

    private ReplayReport compare(TopicNames replayed) {
        Map<String, List<AuctionEvent>> liveEvents =
                LogReader.readByKey(kafka, Topics.AUCTION_EVENTS, JsonSerde.events());
        Map<String, List<AuctionEvent>> replayEvents =
                LogReader.readByKey(kafka, replayed.events(), JsonSerde.events());
        Map<String, List<BidderNotice>> liveNotices =
                LogReader.readByKey(kafka, Topics.BID_REJECTIONS, JsonSerde.notices());
        Map<String, List<BidderNotice>> replayNotices =
                LogReader.readByKey(kafka, replayed.rejections(), JsonSerde.notices());
        ReplayReport.Builder report = new ReplayReport.Builder(strict);
        compareStreams("event", "auction", liveEvents, replayEvents, report);
        compareStreams("rejection", "auction", liveNotices, replayNotices, report);
        compareStreams(
                "show event",
                "show",
                LogReader.readByKey(kafka, Topics.SHOW_EVENTS, JsonSerde.showEvents()),
                LogReader.readByKey(kafka, replayed.showEvents(), JsonSerde.showEvents()),
                report);
        compareStreams(
                "show notice",
                "show",
                LogReader.readByKey(kafka, Topics.SHOW_NOTICES, JsonSerde.showNotices()),
                LogReader.readByKey(kafka, replayed.showNotices(), JsonSerde.showNotices()),
                report);
        return report.build();
    }

    private <T> void compareStreams(
            String kind,
            String keyKind,
            Map<String, List<T>> live,
            Map<String, List<T>> replayed,
            ReplayReport.Builder report) {
        Set<String> keys = new TreeSet<>(live.keySet());
        keys.addAll(replayed.keySet());
        for (String key : keys) {
            List<T> a = live.getOrDefault(key, List.of());
            List<T> b = replayed.getOrDefault(key, List.of());
            int common = Math.min(a.size(), b.size());
            report.compared(kind, common);
            for (int i = 0; i < common; i++) {
                if (!a.get(i).equals(b.get(i))) {
                    report.difference(kind + " " + (i + 1) + " of " + keyKind + " " + key + ": live " + a.get(i)
                            + " but replay " + b.get(i));
                    break;
                }
            }
            if (a.size() != b.size()) {
                report.lengthMismatch(
                        kind + "s of " + keyKind + " " + key + ": live has " + a.size() + ", replay " + b.size());
            }
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .collect(Collectors.toMap(
                                p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static void createOutputs(Admin admin, TopicNames topics, int partitions)
            throws ExecutionException, InterruptedException {
        List<NewTopic> outputs = topics.outputs().stream()
                .map(name -> new NewTopic(name, partitions, (short) -1))
                .toList();
        admin.createTopics(outputs).all().get();
    }

    /** Waits until the replay has committed its way to the end of the log as it was when the replay started. */
    private void awaitCommitted(Admin admin, String applicationId, Map<TopicPartition, Long> end) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            boolean done = end.entrySet().stream()
                    .allMatch(e -> e.getValue() == 0
                            || (committed.get(e.getKey()) != null
                                    && committed.get(e.getKey()).offset() >= e.getValue()));
            if (done) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replay did not reach the end of the log within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** Best effort: a replay's topics and group are its own, and useless once compared. */
    private static void deleteReplayTopics(Admin admin, String prefix) {
        try {
            Set<String> names = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(prefix))
                    .collect(Collectors.toSet());
            admin.deleteTopics(names).all().get();
            admin.deleteConsumerGroups(List.of(prefix)).all().get();
        } catch (ExecutionException e) {
            log.warn(
                    "Could not remove everything of replay {}: {}",
                    prefix,
                    e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
