package dev.gavel.kafka.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Up while processing; out of service while tasks are being assigned (at start, and during a rebalance), so that
 * nothing routes to an instance that is not processing yet; down once the streams failed or stopped. The readiness
 * probe's; liveness is {@link StreamsLivenessIndicator}'s.
 */
public class StreamsHealthIndicator implements HealthIndicator {

    private final StreamsBuilderFactoryBean factory;

    public StreamsHealthIndicator(StreamsBuilderFactoryBean factory) {
        this.factory = factory;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = state(factory);
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

    static KafkaStreams.State state(StreamsBuilderFactoryBean factory) {
        KafkaStreams streams = factory.getKafkaStreams();
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }
}
