package dev.gavel.benchmarks.processor;

import dev.gavel.loadgen.check.RunFailure;
import dev.gavel.loadgen.kafka.Kafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Runs a topology in this JVM with the bid processor's production Streams settings (see the processor's
 * application.yml), under a fresh application id, and times how long it takes to drain its input.
 */
public final class StreamsRunner implements AutoCloseable {

    private final KafkaStreams streams;
    private final String applicationId;
    private final CountDownLatch running = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public StreamsRunner(
            Topology topology,
            Kafka kafka,
            String applicationId,
            Path stateDir,
            int commitIntervalMs,
            int streamThreads) {
        this.applicationId = applicationId;
        this.streams = new KafkaStreams(
                topology, config(kafka.bootstrap(), applicationId, stateDir, commitIntervalMs, streamThreads));
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
    }

    /** The settings the processor runs with; recorded beside every figure measured with them. */
    public static String describe(int commitIntervalMs, int streamThreads) {
        return "exactly_once_v2, commit.interval.ms=" + commitIntervalMs + ", producer linger.ms=2, batch.size=131072, "
                + streamThreads + (streamThreads == 1 ? " stream thread" : " stream threads")
                + ", statestore.cache.max.bytes=16 MiB";
    }

    static Properties config(
            String bootstrap, String applicationId, Path stateDir, int commitIntervalMs, int streamThreads) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        config.put(StreamsConfig.producerPrefix("linger.ms"), 2);
        config.put(StreamsConfig.producerPrefix("batch.size"), 131_072);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        return config;
    }

    /** Starts and waits until the application is assigned its partitions and processing. */
    public void start() throws InterruptedException {
        streams.start();
        if (!running.await(60, TimeUnit.SECONDS)) {
            throw new RunFailure(applicationId + " did not start processing within 60 s (state " + streams.state() + ")"
                    + failureText());
        }
    }

    /**
     * Waits until the application has committed its way through {@code records} records of {@code topic}.
     *
     * @return the nanoTime at which that was seen
     */
    public long awaitCommitted(Kafka kafka, String topic, long records, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (failure.get() != null) {
                throw new RunFailure(applicationId + " failed" + failureText(), failure.get());
            }
            long committed = kafka.committedSum(applicationId, topic);
            if (committed >= records) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(25);
        }
        throw new RunFailure(applicationId + " had not processed " + records + " records of " + topic + " within "
                + timeout.toSeconds() + " s (committed " + kafka.committedSum(applicationId, topic) + ")"
                + failureText());
    }

    /** The sum of a metric over the application's threads and embedded clients, e.g. producer retries. */
    public double metricSum(String group, String name) {
        return streams.metrics().entrySet().stream()
                .filter(e ->
                        e.getKey().group().equals(group) && e.getKey().name().equals(name))
                .mapToDouble(e -> e.getValue().metricValue() instanceof Number number ? number.doubleValue() : 0)
                .sum();
    }

    private String failureText() {
        return failure.get() == null ? "" : ": " + failure.get();
    }

    @Override
    public void close() {
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        streams.cleanUp();
    }
}
