package dev.gavel.processor.topology;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidIncrements;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowNotice;
import dev.gavel.events.ShowView;
import dev.gavel.processor.auction.Auction;
import dev.gavel.processor.fixtures.Commands.Builder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The processor's real topology in a {@link TopologyTestDriver} under exactly-once, with typed access to every topic
 * it reads and writes. Records are stamped with the receipt time of their command, as the gateway produces them; the
 * wall clock, which drives the punctuator, only moves when a test moves it.
 *
 * <p>The driver feeds whatever the topology writes to {@code auction-commands} straight back into it, as a broker
 * would deliver it to the same task: a close requested by the punctuator is decided within the same
 * {@link #advanceWallClockTo} call, and is also readable from {@link #requestedCommands()}.
 */
final class EngineDriver implements AutoCloseable {

    static final Duration PUNCTUATION_INTERVAL = Duration.ofMillis(100);
    static final Duration CLOSE_GRACE = Duration.ofMillis(250);
    static final Duration GATEWAY_TIMEOUT = Duration.ofMillis(1500);
    static final Duration ENDED_RETENTION = Duration.ofHours(1);

    /**
     * Streams writes and syncs checkpoint files at every commit, and the driver commits after every record: on a disk
     * that makes a test wait for the disk. A memory file system, where there is one, makes syncs free. One directory
     * serves the whole test JVM and goes when it exits, also when a run was abandoned before it could close.
     */
    private static final Path STATE_ROOT = createStateRoot();

    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, AuctionCommand> commands;
    private final TestInputTopic<String, byte[]> rawCommands;
    private final TestOutputTopic<String, AuctionEvent> events;
    private final TestOutputTopic<String, BidderNotice> notices;
    private final TestOutputTopic<String, AuctionView> states;
    private final TestOutputTopic<String, byte[]> deadLetters;
    private final TestOutputTopic<String, AuctionCommand> requested;
    private final TestInputTopic<String, ShowCommand> showCommands;
    private final TestInputTopic<String, byte[]> rawShowCommands;
    private final TestOutputTopic<String, ShowEvent> showEvents;
    private final TestOutputTopic<String, ShowNotice> showNotices;
    private final TestOutputTopic<String, ShowView> showStates;
    private final TestOutputTopic<String, byte[]> showDeadLetters;
    private final TestOutputTopic<String, ShowCommand> requestedShowCommands;
    private Instant wallClock;

    EngineDriver(EngineSettings settings, Instant wallClock) {
        this(settings, wallClock, ProcessorMetrics.unobserved());
    }

    EngineDriver(EngineSettings settings, Instant wallClock, ProcessorMetrics metrics) {
        this.wallClock = wallClock;
        this.stateDir = newStateDirectory();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "gavel-bid-processor-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.driver = new TopologyTestDriver(AuctionTopology.build(settings, metrics), config, wallClock);
        TopicNames topics = settings.topics();
        StringSerializer keys = new StringSerializer();
        StringDeserializer keyReader = new StringDeserializer();
        this.commands = driver.createInputTopic(topics.commands(), keys, JsonSerde.commands());
        this.rawCommands = driver.createInputTopic(topics.commands(), keys, new ByteArraySerializer());
        this.events = driver.createOutputTopic(topics.events(), keyReader, JsonSerde.events());
        this.notices = driver.createOutputTopic(topics.rejections(), keyReader, JsonSerde.notices());
        this.states = driver.createOutputTopic(topics.state(), keyReader, JsonSerde.views());
        this.deadLetters = driver.createOutputTopic(topics.deadLetters(), keyReader, new ByteArrayDeserializer());
        this.requested = driver.createOutputTopic(topics.commands(), keyReader, JsonSerde.commands());
        this.showCommands = driver.createInputTopic(topics.showCommands(), keys, JsonSerde.showCommands());
        this.rawShowCommands = driver.createInputTopic(topics.showCommands(), keys, new ByteArraySerializer());
        this.showEvents = driver.createOutputTopic(topics.showEvents(), keyReader, JsonSerde.showEvents());
        this.showNotices = driver.createOutputTopic(topics.showNotices(), keyReader, JsonSerde.showNotices());
        this.showStates = driver.createOutputTopic(topics.showState(), keyReader, JsonSerde.showViews());
        this.showDeadLetters =
                driver.createOutputTopic(topics.showDeadLetters(), keyReader, new ByteArrayDeserializer());
        this.requestedShowCommands =
                driver.createOutputTopic(topics.showCommands(), keyReader, JsonSerde.showCommands());
    }

    private static Path createStateRoot() {
        Path memory = Path.of("/dev/shm");
        try {
            Path root = Files.isDirectory(memory) && Files.isWritable(memory)
                    ? Files.createTempDirectory(memory, "gavel-engine-")
                    : Files.createTempDirectory("gavel-engine-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path newStateDirectory() {
        try {
            return Files.createTempDirectory(STATE_ROOT, "driver-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live engine with a short grace and retention, its wall clock at {@code wallClock}. */
    static EngineDriver live(Instant wallClock) {
        return new EngineDriver(liveSettings(), wallClock);
    }

    static EngineSettings liveSettings() {
        return new EngineSettings(
                BidIncrements.DEFAULT,
                PUNCTUATION_INTERVAL,
                CLOSE_GRACE,
                GATEWAY_TIMEOUT,
                ENDED_RETENTION,
                true,
                TopicNames.LIVE);
    }

    /** Appends {@code command} to the command log, keyed by its auction, as the gateway does. */
    void send(AuctionCommand command) {
        commands.pipeInput(new TestRecord<>(command.auctionId(), command, command.receivedAt()));
    }

    void send(Builder<?> command) {
        send(command.build());
    }

    /** Appends {@code command} to the shows' command log, keyed by its show, as the gateway does. */
    void send(ShowCommand command) {
        showCommands.pipeInput(new TestRecord<>(command.showId(), command, command.receivedAt()));
    }

    /** Appends a record to the shows' command log that the gateway would never write. */
    void sendRawShowCommand(String key, byte[] value, Instant timestamp) {
        rawShowCommands.pipeInput(new TestRecord<>(key, value, timestamp));
    }

    /** Appends a gateway instance's watermark, as the gateway writes it to every partition. */
    void sendWatermark(String gatewayId, Instant receivedBefore) {
        send(gatewayId, new AuctionCommand.GatewayWatermark("watermark:" + gatewayId, gatewayId, receivedBefore));
    }

    /** Appends {@code command} under {@code key}, stamped with the wall clock. */
    void send(String key, AuctionCommand command) {
        commands.pipeInput(new TestRecord<>(key, command, wallClock));
    }

    /** Appends a record the gateway would never write. */
    void sendRaw(String key, byte[] value, Instant timestamp, Header... headers) {
        rawCommands.pipeInput(new TestRecord<>(key, value, new RecordHeaders(headers), timestamp));
    }

    /** Moves the wall clock forward to {@code time}, running the punctuator and whatever it appends to the log. */
    void advanceWallClockTo(Instant time) {
        Duration step = Duration.between(wallClock, time);
        if (step.isNegative()) {
            throw new IllegalArgumentException("the wall clock is at " + wallClock + ", it cannot go back to " + time);
        }
        driver.advanceWallClockTime(step);
        wallClock = time;
    }

    Instant wallClock() {
        return wallClock;
    }

    /** Forgets everything published so far, so that a test sees only what its own step causes. */
    void skipOutputs() {
        events.readRecordsToList();
        notices.readRecordsToList();
        states.readRecordsToList();
        deadLetters.readRecordsToList();
        requested.readRecordsToList();
        showEvents.readRecordsToList();
        showNotices.readRecordsToList();
        showStates.readRecordsToList();
        showDeadLetters.readRecordsToList();
        requestedShowCommands.readRecordsToList();
    }

    /** The public events published since the last call. */
    List<AuctionEvent> events() {
        return events.readValuesToList();
    }

    /** The private notices published since the last call. */
    List<BidderNotice> notices() {
        return notices.readValuesToList();
    }

    /** The snapshots published since the last call, a null value being a tombstone. */
    List<KeyValue<String, AuctionView>> states() {
        return states.readKeyValuesToList();
    }

    /** The dead letters written since the last call, headers included. */
    List<TestRecord<String, byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** The commands the processor itself appended to the command log since the last call. */
    List<AuctionCommand> requestedCommands() {
        return requested.readValuesToList();
    }

    /** The shows' public events published since the last call. */
    List<ShowEvent> showEvents() {
        return showEvents.readValuesToList();
    }

    /** The shows' private notices published since the last call. */
    List<ShowNotice> showNotices() {
        return showNotices.readValuesToList();
    }

    /** The show snapshots published since the last call. */
    List<ShowView> showStates() {
        return showStates.readValuesToList();
    }

    /** The show commands dead-lettered since the last call, headers included. */
    List<TestRecord<String, byte[]>> showDeadLetters() {
        return showDeadLetters.readRecordsToList();
    }

    /** The show commands the processor itself appended to the shows' log since the last call. */
    List<ShowCommand> requestedShowCommands() {
        return requestedShowCommands.readValuesToList();
    }

    KeyValueStore<String, Auction> auctionStore() {
        return driver.getKeyValueStore(StoreNames.AUCTIONS);
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            delete(stateDir);
        }
    }
}
