package dev.gavel.processor.topology;

import dev.gavel.events.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * The topics one topology reads and writes: the auctions' and the shows'. The live processor uses the contract's
 * names; a replay reads the same command logs but writes its results under a prefix, so that they can be compared
 * with the live ones.
 */
public record TopicNames(
        String commands,
        String events,
        String rejections,
        String state,
        String deadLetters,
        String showCommands,
        String showEvents,
        String showNotices,
        String showState,
        String showDeadLetters) {

    public static final TopicNames LIVE = new TopicNames(
            Topics.AUCTION_COMMANDS,
            Topics.AUCTION_EVENTS,
            Topics.BID_REJECTIONS,
            Topics.AUCTION_STATE,
            Topics.AUCTION_COMMANDS_DLQ,
            Topics.SHOW_COMMANDS,
            Topics.SHOW_EVENTS,
            Topics.SHOW_NOTICES,
            Topics.SHOW_STATE,
            Topics.SHOW_COMMANDS_DLQ);

    /** The same command logs, with every output topic prefixed. */
    public TopicNames withOutputPrefix(String prefix) {
        return new TopicNames(
                commands,
                prefix + events,
                prefix + rejections,
                prefix + state,
                prefix + deadLetters,
                showCommands,
                prefix + showEvents,
                prefix + showNotices,
                prefix + showState,
                prefix + showDeadLetters);
    }

    /** Every topic the topology reads or writes. */
    public List<String> all() {
        List<String> all = new ArrayList<>(List.of(commands, showCommands));
        all.addAll(outputs());
        return List.copyOf(all);
    }

    /** The output topics, which a replay creates under its prefix. */
    public List<String> outputs() {
        return List.of(events, rejections, state, deadLetters, showEvents, showNotices, showState, showDeadLetters);
    }
}
