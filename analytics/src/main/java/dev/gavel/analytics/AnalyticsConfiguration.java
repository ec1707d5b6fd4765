package dev.gavel.analytics;

import dev.gavel.analytics.topology.ShowStatsTopology;
import dev.gavel.events.ShowStats;
import dev.gavel.events.TopicSettings;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;

/** The statistics topology on Spring Kafka's {@link StreamsBuilderFactoryBean}, configured by spring.kafka.streams. */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class AnalyticsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsConfiguration.class);

    /** Creates the contract's topics at startup when they are missing, the events it reads among them. */
    @Bean
    KafkaAdmin.NewTopics gavelTopics(Environment environment) {
        TopicSettings topics = Binder.get(environment)
                .bind("gavel.topics", TopicSettings.class)
                .orElseGet(TopicSettings::defaults);
        return new KafkaAdmin.NewTopics(topics.newTopics());
    }

    @Bean
    KStream<String, ShowStats> showStats(StreamsBuilder builder, AnalyticsProperties analytics) {
        return ShowStatsTopology.define(builder, analytics.statsSettings());
    }

    /**
     * A stop commits and leaves the consumer group at once, so that another instance takes the partitions over
     * without waiting for a session timeout; a failed stream thread is replaced rather than stopping the statistics.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer streamsLifecycle(AnalyticsProperties analytics) {
        return factory -> {
            factory.setLeaveGroupOnClose(true);
            factory.setCloseTimeout((int) analytics.shutdownTimeout().toSeconds());
            factory.setStreamsUncaughtExceptionHandler(e -> {
                log.error("A stream thread failed; replacing it", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        };
    }

    /**
     * Up while processing; out of service while tasks are being assigned (at start and during a rebalance); down
     * once the streams failed or stopped.
     */
    @Bean
    HealthIndicator streamsHealth(StreamsBuilderFactoryBean factory) {
        return () -> {
            KafkaStreams streams = factory.getKafkaStreams();
            KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
            Health.Builder health;
            if (state == KafkaStreams.State.RUNNING) {
                health = Health.up();
            } else if (state == KafkaStreams.State.CREATED || state == KafkaStreams.State.REBALANCING) {
                health = Health.outOfService();
            } else {
                health = Health.down();
            }
            return health.withDetail("state", state.name()).build();
        };
    }
}
