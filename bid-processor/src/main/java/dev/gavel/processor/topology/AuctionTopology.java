package dev.gavel.processor.topology;

import dev.gavel.events.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The bid processor's topology, built by plain code: the auctions' engine (one source, one processor with its four
 * stores, and one sink per output topic) and the shows' ({@link ShowTopology}). Every node and store is named, so that internal topic names never change by accident.
 */
public final class AuctionTopology {

    public static final String SOURCE = "auction-commands-source";
    public static final String PROCESSOR = "auction-engine";
    public static final String EVENTS_SINK = "auction-events-sink";
    public static final String REJECTIONS_SINK = "bid-rejections-sink";
    public static final String STATE_SINK = "auction-state-sink";
    public static final String COMMANDS_SINK = "auction-commands-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";
    public static final String SHOW_COMMANDS_SINK = "auction-engine-show-commands-sink";

    private AuctionTopology() {}

    public static Topology build(EngineSettings settings) {
        return build(settings, ProcessorMetrics.unobserved());
    }

    public static Topology build(EngineSettings settings, ProcessorMetrics metrics) {
        return addTo(new Topology(), settings, metrics);
    }

    /** Adds the nodes and stores to {@code topology} (as Spring Kafka's factory bean hands it over) and returns it. */
    public static Topology addTo(Topology topology, EngineSettings settings, ProcessorMetrics metrics) {
        TopicNames topics = settings.topics();
        StringSerializer keys = new StringSerializer();
        topology.addSource(
                SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.commands());
        topology.addProcessor(PROCESSOR, () -> new AuctionProcessor(settings, metrics), SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.AUCTIONS), Serdes.String(), StoreSerdes.auctions()),
                PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.PROCESSED_COMMANDS),
                        Serdes.String(),
                        StoreSerdes.processedCommands()),
                PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.DEADLINES), Serdes.String(), Serdes.String()),
                PROCESSOR);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.GATEWAY_WATERMARKS), Serdes.String(), Serdes.Long()),
                PROCESSOR);
        topology.addSink(EVENTS_SINK, topics.events(), keys, JsonSerde.events(), PROCESSOR);
        topology.addSink(REJECTIONS_SINK, topics.rejections(), keys, JsonSerde.notices(), PROCESSOR);
        topology.addSink(STATE_SINK, topics.state(), keys, JsonSerde.views(), PROCESSOR);
        topology.addSink(
                DEAD_LETTER_SINK, topics.deadLetters(), keys, Serdes.ByteArray().serializer(), PROCESSOR);
        if (settings.scheduleEndings()) {
            topology.addSink(COMMANDS_SINK, topics.commands(), keys, JsonSerde.commands(), PROCESSOR);
            topology.addSink(SHOW_COMMANDS_SINK, topics.showCommands(), keys, JsonSerde.showCommands(), PROCESSOR);
        }
        ShowTopology.addTo(topology, settings);
        return topology;
    }
}
