package dev.gavel.processor;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the topology for the life of the application. A stop commits, closes the stores and leaves the consumer group
 * at once, so that another instance takes the partitions over without waiting for a session timeout.
 */
public class AuctionStreams implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AuctionStreams.class);

    private final KafkaStreams streams;
    private final Duration shutdownTimeout;
    private volatile boolean running;

    public AuctionStreams(Topology topology, Properties config, Duration shutdownTimeout) {
        this.streams = new KafkaStreams(topology, config);
        this.shutdownTimeout = shutdownTimeout;
        streams.setUncaughtExceptionHandler(e -> {
            log.error("A stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void start() {
        streams.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        boolean closed =
                streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(shutdownTimeout));
        if (!closed) {
            log.warn("Kafka Streams did not close within {}", shutdownTimeout);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Up while processing; out of service while tasks are being assigned (at start, and during a rebalance), so
     * that nothing routes to an instance that is not deciding yet; down once the streams failed or stopped. The
     * liveness probe ({@code /actuator/health/liveness}) does not include this indicator.
     */
    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        Health.Builder health;
        if (state == KafkaStreams.State.RUNNING) {
            health = Health.up();
        } else if (state == KafkaStreams.State.CREATED || state == KafkaStreams.State.REBALANCING) {
            health = Health.outOfService();
        } else {
            health = Health.down();
        }
        return health.withDetail("state", state.name()).build();
    }
}
