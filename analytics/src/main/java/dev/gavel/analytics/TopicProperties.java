package dev.gavel.analytics;

import dev.gavel.events.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the contract's topics are created when missing ({@code gavel.topics.*}); the same settings as the other
 * services', so whichever starts first creates them alike.
 */
@ConfigurationProperties("gavel.topics")
public record TopicProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("7d") Duration retention) {

    public List<NewTopic> declarations() {
        return Topics.declarations(partitions, replicationFactor, retention.isNegative() ? -1 : retention.toMillis());
    }
}
