package dev.gavel.kafka.topics;

import dev.gavel.events.TopicSettings;
import dev.gavel.kafka.clients.KafkaClientSettings;
import dev.gavel.kafka.clients.KafkaClientsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Every service creates the contract's topics at startup when they are missing, with the same settings
 * ({@code gavel.topics.*}), so that whichever starts first creates them alike. With {@code gavel.topics.create=false}
 * (a cluster where services may not create topics) it only checks that they exist as configured.
 */
@AutoConfiguration(after = KafkaClientsAutoConfiguration.class)
public class TopicsAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "gavel.topics.create", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics gavelTopics(Environment environment) {
        return new KafkaAdmin.NewTopics(settings(environment).newTopics());
    }

    @Bean
    @ConditionalOnProperty(name = "gavel.topics.create", havingValue = "false")
    TopicsCheck gavelTopicsCheck(Environment environment, KafkaClientSettings clients) {
        return new TopicsCheck(settings(environment).newTopics(), clients.admin());
    }

    private static TopicSettings settings(Environment environment) {
        return Binder.get(environment).bind("gavel.topics", TopicSettings.class).orElseGet(TopicSettings::defaults);
    }
}
