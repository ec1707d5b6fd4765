package dev.gavel.analytics;

import dev.gavel.analytics.topology.AnalyticsMetrics;
import dev.gavel.analytics.topology.ShowStatsTopology;
import dev.gavel.events.ShowStats;
import dev.gavel.kafka.streams.StreamsLifecycle;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** The statistics topology on Spring Kafka's factory bean, configured by {@code spring.kafka.streams}. */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class AnalyticsConfiguration {

    @Bean
    KStream<String, ShowStats> showStats(StreamsBuilder builder, AnalyticsProperties analytics, MeterRegistry meters) {
        return ShowStatsTopology.define(
                builder, analytics.statsSettings(), new AnalyticsMetrics(meters, Clock.systemUTC()));
    }

    @Bean
    StreamsLifecycle streamsLifecycle(AnalyticsProperties analytics) {
        return new StreamsLifecycle(analytics.shutdownTimeout());
    }
}
