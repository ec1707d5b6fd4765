package dev.gavel.processor.topology;

import dev.gavel.events.Topics;

/**
 * The topics one topology reads and writes. The live processor uses the contract's names; a replay reads the same
 * command log but writes its results under a prefix, so that they can be compared with the live ones.
 */
public record TopicNames(String commands, String events, String rejections, String state, String deadLetters) {

    public static final TopicNames LIVE = new TopicNames(
            Topics.AUCTION_COMMANDS,
            Topics.AUCTION_EVENTS,
            Topics.BID_REJECTIONS,
            Topics.AUCTION_STATE,
            Topics.AUCTION_COMMANDS_DLQ);

    /** The same command log, with every output topic prefixed. */
    public TopicNames withOutputPrefix(String prefix) {
        return new TopicNames(commands, prefix + events, prefix + rejections, prefix + state, prefix + deadLetters);
    }
}
