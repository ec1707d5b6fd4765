package dev.gavel.kafka.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * For the liveness probe: down only once the streams failed for good (every thread died, or a failure stopped the
 * application), which a restart may cure. A rebalance or a start is not a reason to restart: the readiness probe
 * ({@link StreamsHealthIndicator}) keeps traffic away meanwhile, and a restart would only cause another rebalance.
 */
public class StreamsLivenessIndicator implements HealthIndicator {

    private final StreamsBuilderFactoryBean factory;

    public StreamsLivenessIndicator(StreamsBuilderFactoryBean factory) {
        this.factory = factory;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = StreamsHealthIndicator.state(factory);
        Health.Builder health = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                ? Health.down()
                : Health.up();
        return health.withDetail("state", state.name()).build();
    }
}
