package dev.gavel.events;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** The Kafka topics of the contract. Every topic is keyed by auction id. */
public final class Topics {

    /** Gateway to processor: what users asked for, stamped with who and when. Also system closes. */
    public static final String AUCTION_COMMANDS = "auction-commands";

    /** Processor to everyone: the public history of every auction, {@code seq} contiguous per auction. */
    public static final String AUCTION_EVENTS = "auction-events";

    /** Processor to gateway: private outcomes for the issuer of a command (mostly rejections). */
    public static final String BID_REJECTIONS = "bid-rejections";

    /** Compacted: the latest public snapshot of every auction, for late joiners and analytics. */
    public static final String AUCTION_STATE = "auction-state";

    /** Commands the processor could not read, with the error in a header. */
    public static final String AUCTION_COMMANDS_DLQ = "auction-commands-dlq";

    /** Header on dead letters: why the record could not be processed. */
    public static final String ERROR_HEADER = "gavel-error";

    /** Header on dead letters: where the record was read, as {@code topic-partition@offset}. */
    public static final String SOURCE_HEADER = "gavel-source";

    public static final List<String> ALL =
            List.of(AUCTION_COMMANDS, AUCTION_EVENTS, BID_REJECTIONS, AUCTION_STATE, AUCTION_COMMANDS_DLQ);

    private Topics() {}

    /**
     * The topics as services create them at startup when missing. {@value #AUCTION_STATE} is compacted; the others
     * are deleted after {@code retentionMs} (-1 keeps the command log forever, so it can always be replayed).
     */
    public static List<NewTopic> declarations(int partitions, short replicationFactor, long retentionMs) {
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("gavel.topics.partitions and gavel.topics.replication-factor must be at"
                    + " least 1, got " + partitions + " and " + replicationFactor);
        }
        Map<String, String> retained = Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
        Map<String, String> compacted = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
                "60000");
        return ALL.stream()
                .map(name -> new NewTopic(name, partitions, replicationFactor)
                        .configs(name.equals(AUCTION_STATE) ? compacted : retained))
                .toList();
    }
}
