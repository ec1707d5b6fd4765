package dev.gavel.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The Kafka topics of the contract. Every topic of the auctions is keyed by auction id, every topic of the shows by
 * show id; {@value #SHOW_STATS} is keyed by statistic (see {@link ShowStats#key()}), {@value #SHOW_VIEWERS} by show and
 * gateway instance (see {@link ShowViewers#key()}). docs/topics.md and docs/asyncapi.yaml describe them.
 */
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

    /** Analytics to everyone: live statistics of the show, computed from {@value #AUCTION_EVENTS}. Compacted. */
    public static final String SHOW_STATS = "show-stats";

    /** Gateway to processor: what hosts and bidders asked of shows; also the ends of lots' auctions. */
    public static final String SHOW_COMMANDS = "show-commands";

    /** Processor to everyone: the public history of every show, {@code seq} contiguous per show. */
    public static final String SHOW_EVENTS = "show-events";

    /** Processor to gateway: private outcomes of show commands for their issuer (refusals, pre-bids taken). */
    public static final String SHOW_NOTICES = "show-notices";

    /** Compacted: the latest public snapshot of every show, for late joiners and the lobby. */
    public static final String SHOW_STATE = "show-state";

    /**
     * Gateways to gateways: each instance's count of the viewers of each show, keyed by {@code <showId>/<gatewayId>}.
     * Compacted, and deleted after retention.
     */
    public static final String SHOW_VIEWERS = "show-viewers";

    /** Show commands the processor could not read, with the error in a header. */
    public static final String SHOW_COMMANDS_DLQ = "show-commands-dlq";

    /**
     * Header on every record a Gavel service writes with {@link JsonSerde}: the major version of the schema of its
     * value, as decimal text ({@code "1"}). See docs/adr/0007-schema-version-in-a-header.md.
     */
    public static final String SCHEMA_HEADER = "gavel-schema";

    /** Header on dead letters: why the record could not be processed. */
    public static final String ERROR_HEADER = "gavel-error";

    /** Header on dead letters: where the record was read, as {@code topic-partition@offset}. */
    public static final String SOURCE_HEADER = "gavel-source";

    public static final List<String> ALL = List.of(
            AUCTION_COMMANDS,
            AUCTION_EVENTS,
            BID_REJECTIONS,
            AUCTION_STATE,
            AUCTION_COMMANDS_DLQ,
            SHOW_STATS,
            SHOW_COMMANDS,
            SHOW_EVENTS,
            SHOW_NOTICES,
            SHOW_STATE,
            SHOW_COMMANDS_DLQ,
            SHOW_VIEWERS);

    /** How long a compacted topic keeps a superseded value, so that a reader catching up still sees it. */
    static final String MIN_COMPACTION_LAG_MS = "60000";

    /**
     * Segment limits of the compacted topics. Kafka never compacts the segment being written, and by default rolls it
     * only at 1 GB or after 7 days: every snapshot ever written stayed there, and a gateway starting up read them
     * all (6 million records, 30 s, after a day of benchmarks). 64 MB or an hour bounds what a reader goes through.
     */
    static final String COMPACTED_SEGMENT_BYTES = Integer.toString(64 * 1024 * 1024);

    static final String COMPACTED_SEGMENT_MS = Long.toString(Duration.ofHours(1).toMillis());

    private Topics() {}

    /**
     * The topics as services create them at startup when missing. {@value #AUCTION_STATE} and {@value #SHOW_STATE} are
     * compacted; {@value #SHOW_STATS} and {@value #SHOW_VIEWERS} are compacted and their keys of the past (minutes,
     * gateway instances gone) are also deleted after {@code retentionMs}; the
     * others are deleted after {@code retentionMs} (-1 keeps the command log forever, so it can always be replayed).
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
                MIN_COMPACTION_LAG_MS,
                TopicConfig.SEGMENT_BYTES_CONFIG,
                COMPACTED_SEGMENT_BYTES,
                TopicConfig.SEGMENT_MS_CONFIG,
                COMPACTED_SEGMENT_MS);
        Map<String, String> compactedAndRetained = new HashMap<>(compacted);
        compactedAndRetained.putAll(retained);
        compactedAndRetained.put(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE);
        return ALL.stream()
                .map(name -> new NewTopic(name, partitions, replicationFactor)
                        .configs(
                                switch (name) {
                                    case AUCTION_STATE, SHOW_STATE -> compacted;
                                    case SHOW_STATS, SHOW_VIEWERS -> compactedAndRetained;
                                    default -> retained;
                                }))
                .toList();
    }
}
