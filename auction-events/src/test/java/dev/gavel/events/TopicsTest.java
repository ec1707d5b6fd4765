package dev.gavel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final long WEEK = Duration.ofDays(7).toMillis();

    private final Map<String, Map<String, String>> configs = Topics.declarations(6, (short) 1, WEEK).stream()
            .collect(Collectors.toMap(NewTopic::name, NewTopic::configs));

    @Test
    void declaresEveryTopicOfTheContract() {
        assertThat(configs).containsOnlyKeys(Topics.ALL);
    }

    @Test
    void compactedTopicsRollTheirSegmentsSoThatCompactionKeepsUp() {
        for (String topic : new String[] {Topics.AUCTION_STATE, Topics.SHOW_STATS}) {
            Map<String, String> config = configs.get(topic);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG)).contains(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(Long.parseLong(config.get(TopicConfig.SEGMENT_BYTES_CONFIG)))
                    .isLessThanOrEqualTo(64L * 1024 * 1024);
            assertThat(Long.parseLong(config.get(TopicConfig.SEGMENT_MS_CONFIG)))
                    .isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
        }
    }

    @Test
    void theLogsAreDeletedAfterTheRetentionAndTheStateIsNot() {
        assertThat(configs.get(Topics.AUCTION_EVENTS)).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "" + WEEK);
        assertThat(configs.get(Topics.AUCTION_COMMANDS)).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "" + WEEK);
        assertThat(configs.get(Topics.AUCTION_STATE)).doesNotContainKey(TopicConfig.RETENTION_MS_CONFIG);
    }

    @Test
    void refusesAnEmptyTopic() {
        assertThatThrownBy(() -> Topics.declarations(0, (short) 1, WEEK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitions");
    }
}
