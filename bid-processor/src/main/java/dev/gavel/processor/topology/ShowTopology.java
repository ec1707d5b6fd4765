package dev.gavel.processor.topology;

import dev.gavel.events.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The show engine's nodes, a sub-topology of the processor's own: one source, one processor with its two stores,
 * and one sink per output topic. It shares no store with the auctions' engine; the two talk only through each other's
 * command log.
 */
final class ShowTopology {

    static final String SOURCE = "show-commands-source";
    static final String PROCESSOR = "show-engine";
    static final String EVENTS_SINK = "show-events-sink";
    static final String NOTICES_SINK = "show-notices-sink";
    static final String STATE_SINK = "show-state-sink";
    static final String AUCTION_COMMANDS_SINK = "show-engine-auction-commands-sink";
    static final String DEAD_LETTER_SINK = "show-dead-letter-sink";

    private ShowTopology() {}

    static void addTo(Topology topology, EngineSettings settings) {
        TopicNames topics = settings.topics();
        StringSerializer keys = new StringSerializer();
        topology.addSource(
                SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.showCommands());
        topology.addProcessor(PROCESSOR, () -> new ShowProcessor(settings), SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.SHOWS), Serdes.String(), StoreSerdes.shows()),
                PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.SHOW_PROCESSED_COMMANDS),
                        Serdes.String(),
                        JsonSerde.showNotices()),
                PROCESSOR);
        topology.addSink(EVENTS_SINK, topics.showEvents(), keys, JsonSerde.showEvents(), PROCESSOR);
        topology.addSink(NOTICES_SINK, topics.showNotices(), keys, JsonSerde.showNotices(), PROCESSOR);
        topology.addSink(STATE_SINK, topics.showState(), keys, JsonSerde.showViews(), PROCESSOR);
        topology.addSink(
                DEAD_LETTER_SINK,
                topics.showDeadLetters(),
                keys,
                Serdes.ByteArray().serializer(),
                PROCESSOR);
        if (settings.scheduleEndings()) {
            topology.addSink(AUCTION_COMMANDS_SINK, topics.commands(), keys, JsonSerde.commands(), PROCESSOR);
        }
    }
}
