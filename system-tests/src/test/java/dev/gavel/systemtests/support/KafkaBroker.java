package dev.gavel.systemtests.support;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real KRaft broker (combined broker and controller, as {@code ./gavel up} runs it) in this JVM, on ephemeral
 * ports: formatted and started the way {@code kafka.Kafka} starts one. One is shared by the whole test run; tests
 * keep apart by using fresh auction ids. A test that needs a log nobody else writes to starts a {@link #dedicated()}
 * one.
 */
public final class KafkaBroker implements AutoCloseable {

    private static KafkaBroker shared;

    private final KafkaRaftServer server;
    private final String bootstrap;
    private final Path directory;

    private KafkaBroker(KafkaRaftServer server, String bootstrap, Path directory) {
        this.server = server;
        this.bootstrap = bootstrap;
        this.directory = directory;
    }

    public static synchronized String bootstrapServers() {
        if (shared == null) {
            KafkaBroker started = dedicated();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-broker-stop"));
            shared = started;
        }
        return shared.bootstrap();
    }

    /** A broker of its own; the caller closes it. */
    public static KafkaBroker dedicated() {
        return dedicated((port, controllerPort) -> Map.of());
    }

    /**
     * A broker of its own with settings added or replaced, given its PLAINTEXT and controller ports (which stay the
     * listeners the broker itself uses); the caller closes it.
     */
    static KafkaBroker dedicated(BiFunction<Integer, Integer, Map<String, String>> overrides) {
        try {
            Path directory = Files.createTempDirectory("gavel-kafka-");
            int port = freePort();
            int controllerPort = freePort();
            Properties properties = new Properties();
            properties.putAll(Map.ofEntries(
                    Map.entry("process.roles", "broker,controller"),
                    Map.entry("node.id", "1"),
                    Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                    Map.entry(
                            "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                    Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                    Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                    Map.entry("controller.listener.names", "CONTROLLER"),
                    Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                    Map.entry("log.dirs", directory.resolve("data").toString()),
                    Map.entry("num.partitions", "6"),
                    // One broker: without these, every exactly-once producer hangs in InitProducerId.
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                    Map.entry("share.coordinator.state.topic.min.isr", "1"),
                    Map.entry("group.initial.rebalance.delay.ms", "0"),
                    // The processors' 2 s sessions, as every deployment of Gavel allows them (docs/adr/0010).
                    Map.entry("group.min.session.timeout.ms", "1000"),
                    // Commits that follow each other closely, as every deployment runs them (docs/adr/0013).
                    Map.entry("add.partitions.to.txn.retry.backoff.ms", "2"),
                    Map.entry("auto.create.topics.enable", "false")));
            properties.putAll(overrides.apply(port, controllerPort));
            KafkaConfig config = KafkaConfig.fromProps(properties, false);
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(directory.resolve("data").toString()))
                    .setMetadataLogDirectory(directory.resolve("data").toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + port;
            awaitReady(bootstrap);
            return new KafkaBroker(server, bootstrap, directory);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka broker did not start", e);
        }
    }

    public String bootstrap() {
        return bootstrap;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        deleteTree(directory);
    }

    static void deleteTree(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker is ready once it has registered and answers for the cluster. */
    private static void awaitReady(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000))) {
            admin.describeCluster().nodes().get();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
