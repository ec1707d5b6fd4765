package dev.gavel.events;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How every service creates the contract's topics when they are missing ({@code gavel.topics.*}): the same settings
 * everywhere, so that whichever service starts first creates them alike. Unset settings take their defaults.
 *
 * @param partitions partitions per topic: the most processor threads that can share the work [6]
 * @param replicationFactor copies of every partition [1]
 * @param retention how long commands and events are kept; negative keeps them forever [7 days]
 */
public record TopicSettings(Integer partitions, Short replicationFactor, Duration retention) {

    public TopicSettings {
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        retention = retention == null ? Duration.ofDays(7) : retention;
    }

    public static TopicSettings defaults() {
        return new TopicSettings(null, null, null);
    }

    /** @throws IllegalArgumentException naming the setting, if partitions or replication are below 1 */
    public NewTopic[] newTopics() {
        return Topics.declarations(partitions, replicationFactor, retention.isNegative() ? -1 : retention.toMillis())
                .toArray(new NewTopic[0]);
    }
}
