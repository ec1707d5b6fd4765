package dev.gavel.benchmarks.processor;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The yardstick for the bid processor: the least a Kafka Streams application can do with the same records. It reads
 * the same commands, does one RocksDB put per record, and writes as many records as the real processor does for each
 * (the count comes with the command, in a header), under the same settings. Whatever the processor takes beyond this
 * is the cost of Gavel's own code.
 */
public final class MinimalTopology {

    /** Header on benchmark commands: how many records the real processor writes for the command. */
    public static final String OUTPUTS_HEADER = "gavel-bench-outputs";

    private static final String STORE = "minimal-store";

    private MinimalTopology() {}

    public static Topology build(String input, String output) {
        Topology topology = new Topology();
        topology.addSource(
                "source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), input);
        topology.addProcessor("minimal", Minimal::new, "source");
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray()),
                "minimal");
        topology.addSink(
                "sink", output, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "minimal");
        return topology;
    }

    public static byte[] outputsHeader(int outputs) {
        return ByteBuffer.allocate(4).putInt(outputs).array();
    }

    private static final class Minimal implements Processor<String, byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            store.put(record.key(), record.value());
            Header header = record.headers().lastHeader(OUTPUTS_HEADER);
            int outputs = header == null ? 1 : ByteBuffer.wrap(header.value()).getInt();
            Record<String, byte[]> out =
                    record.withHeaders(new org.apache.kafka.common.header.internals.RecordHeaders());
            for (int i = 0; i < outputs; i++) {
                context.forward(out);
            }
        }
    }
}
