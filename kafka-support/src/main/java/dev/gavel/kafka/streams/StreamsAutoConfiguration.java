package dev.gavel.kafka.streams;

import dev.gavel.kafka.clients.KafkaClientSettings;
import dev.gavel.kafka.clients.KafkaClientsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** What every service that runs Kafka Streams (with {@code @EnableKafkaStreams}) gets. */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, KafkaClientsAutoConfiguration.class})
@ConditionalOnClass(StreamsBuilderFactoryBean.class)
@ConditionalOnBean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME)
@EnableConfigurationProperties(FencingProperties.class)
public class StreamsAutoConfiguration {

    @Bean
    StreamsHealthIndicator streamsHealthIndicator(StreamsBuilderFactoryBean factory) {
        return new StreamsHealthIndicator(factory);
    }

    /** Named for the health contributor {@code streamsLiveness}, which the services' liveness groups include. */
    @Bean
    StreamsLivenessIndicator streamsLivenessHealthIndicator(StreamsBuilderFactoryBean factory) {
        return new StreamsLivenessIndicator(factory);
    }

    @Bean
    @ConditionalOnProperty(name = "gavel.streams.fencing.enabled", havingValue = "true", matchIfMissing = true)
    DepartedMemberFencing departedMemberFencing(
            StreamsBuilderFactoryBean factory, KafkaClientSettings clients, FencingProperties fencing) {
        return new DepartedMemberFencing(factory, clients.admin(), fencing.interval(), fencing.minAge());
    }
}
