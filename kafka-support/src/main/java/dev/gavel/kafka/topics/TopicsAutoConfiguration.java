package dev.gavel.kafka.topics;

import dev.gavel.events.TopicSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Every service creates the contract's topics at startup when they are missing, with the same settings
 * ({@code gavel.topics.*}), so that whichever starts first creates them alike.
 */
@AutoConfiguration
public class TopicsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics gavelTopics(Environment environment) {
        TopicSettings topics = Binder.get(environment)
                .bind("gavel.topics", TopicSettings.class)
                .orElseGet(TopicSettings::defaults);
        return new KafkaAdmin.NewTopics(topics.newTopics());
    }
}
