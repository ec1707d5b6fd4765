package dev.gavel.kafka.streams;

import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Up while processing; out of service while tasks are being assigned (at start, and during a rebalance), so that
 * nothing routes to an instance that is not processing yet; down once the streams failed or stopped. The readiness
 * probe's; liveness is {@link StreamsLivenessIndicator}'s. The details count the instance's active and standby tasks:
 * which instance runs the tasks, and whether a spare is warm.
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
        health.withDetail("state", state.name());
        KafkaStreams streams = factory.getKafkaStreams();
        if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
            Set<ThreadMetadata> threads = streams.metadataForLocalThreads();
            health.withDetail("activeTasks", count(threads, ThreadMetadata::activeTasks))
                    .withDetail("standbyTasks", count(threads, ThreadMetadata::standbyTasks));
        }
        return health.build();
    }

    private static int count(Set<ThreadMetadata> threads, Function<ThreadMetadata, Set<TaskMetadata>> tasks) {
        return threads.stream().mapToInt(thread -> tasks.apply(thread).size()).sum();
    }

    static KafkaStreams.State state(StreamsBuilderFactoryBean factory) {
        KafkaStreams streams = factory.getKafkaStreams();
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }
}
