package dev.gavel.kafka.clients;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/** The settings every hand-built Kafka client of a service takes, security included. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnBean(KafkaConnectionDetails.class)
public class KafkaClientsAutoConfiguration {

    @Bean
    KafkaClientSettings kafkaClientSettings(KafkaProperties properties, KafkaConnectionDetails connection) {
        return new KafkaClientSettings(properties, connection);
    }
}
