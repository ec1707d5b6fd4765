package dev.gavel.loadgen.scenario;

import dev.gavel.loadgen.check.RunFailure;
import dev.gavel.loadgen.kafka.Kafka;
import dev.gavel.loadgen.kafka.SendErrors;
import dev.gavel.loadgen.metrics.LatencyRecorder;
import dev.gavel.loadgen.metrics.Pacer;
import dev.gavel.loadgen.report.Results;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The physical floor: plain Kafka on the same broker, with no Gavel code in the path. Flat-out produce and consume
 * throughput, and the produce -> consume round trip at a fixed rate.
 */
@Command(
        name = "baseline",
        header = "Raw Kafka baseline",
        description = "Raw Kafka produce/consume throughput and round trip on the same broker.")
public final class BaselineScenario extends Scenario {

    @Option(names = "--records", description = "Records for the throughput test (default: ${DEFAULT-VALUE}).")
    int records = 500_000;

    @Option(names = "--record-size", description = "Bytes per record (default: ${DEFAULT-VALUE}).")
    int recordSize = 200;

    @Option(names = "--rate", description = "Records/s for the round trip test (default: ${DEFAULT-VALUE}).")
    int rate = 5_000;

    @Mixin
    private final Window window = new Window(5, 15);

    static final int PARTITIONS = 6;

    @Override
    public void quick() {
        records = 50_000;
        rate = 1_000;
        window.shorten(1, 3);
    }

    @Override
    public void run(RunContext context, Results.Builder result) throws Exception {
        String prefix = context.topicPrefix(name());
        result.setting("partitions", PARTITIONS)
                .setting("record_bytes", recordSize)
                .setting("throughput_records", records)
                .setting("throughput_producer", "acks=all, idempotent, linger.ms=5, batch.size=131072")
                .setting("round_trip_rate", rate)
                .setting("round_trip_producer", "acks=all, idempotent, linger.ms=1 (as the gateway)");
        window.record(result);
        try (Kafka kafka = new Kafka(context.bootstrap())) {
            String throughputTopic = prefix + "throughput";
            String latencyTopic = prefix + "latency";
            kafka.createTopics(List.of(throughputTopic, latencyTopic), PARTITIONS);
            try {
                throughput(kafka, throughputTopic, result);
                roundTrip(kafka, latencyTopic, result);
            } finally {
                kafka.deleteTopicsStartingWith(prefix);
            }
        }
    }

    private void throughput(Kafka kafka, String topic, Results.Builder result) throws InterruptedException {
        byte[] value = new byte[recordSize];
        SendErrors sendErrors = new SendErrors();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = kafka.producer(5, 131_072)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + (i % 10_000), value), sendErrors);
            }
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        sendErrors.throwIfAny("baseline: the broker refused records");
        result.figure("raw_produce_records_per_second", "Raw produce, flat out", records / produceSeconds, "records/s")
                .figure(
                        "raw_produce_mb_per_second",
                        "Raw produce, flat out (bytes)",
                        records * (double) recordSize / produceSeconds / 1e6,
                        "MB/s");

        long consumed = 0;
        start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(60);
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer()) {
            consumer.assign(Kafka.partitions(topic, PARTITIONS));
            consumer.seekToBeginning(consumer.assignment());
            while (consumed < records && System.nanoTime() < deadline) {
                consumed += consumer.poll(Kafka.pollTimeout()).count();
            }
        }
        double consumeSeconds = (System.nanoTime() - start) / 1e9;
        if (consumed != records) {
            throw new RunFailure("baseline: produced " + records + " records but read back " + consumed);
        }
        result.figure("raw_consume_records_per_second", "Raw consume, flat out", records / consumeSeconds, "records/s");
    }

    private void roundTrip(Kafka kafka, String topic, Results.Builder result) throws Exception {
        int total = window.operations(rate);
        BitSet seen = new BitSet(total);
        AtomicLong received = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        SendErrors sendErrors = new SendErrors();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer();
                KafkaProducer<String, byte[]> producer = kafka.producer(1, 16_384)) {
            consumer.assign(Kafka.partitions(topic, PARTITIONS));
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            Pacer pacer = new Pacer(start, rate);
            LatencyRecorder latency = LatencyRecorder.measuringFrom(window.measuredFrom(start));
            Thread reader = new Thread(
                    () -> {
                        long deadline = pacer.intendedNanos(total) + TimeUnit.SECONDS.toNanos(10);
                        while (received.get() < total && System.nanoTime() < deadline) {
                            for (ConsumerRecord<String, byte[]> record : consumer.poll(Kafka.pollTimeout())) {
                                long now = System.nanoTime();
                                int index =
                                        (int) ByteBuffer.wrap(record.value()).getLong();
                                if (index < 0 || index >= total || seen.get(index)) {
                                    duplicates.incrementAndGet();
                                    continue;
                                }
                                seen.set(index);
                                received.incrementAndGet();
                                latency.record(pacer.intendedNanos(index), now);
                            }
                        }
                    },
                    "baseline-reader");
            reader.start();
            for (int i = 0; i < total; i++) {
                pacer.awaitTurn(i);
                byte[] value = ByteBuffer.allocate(recordSize).putLong(i).array();
                producer.send(new ProducerRecord<>(topic, "k" + (i % 10_000), value), sendErrors);
            }
            reader.join();
            sendErrors.throwIfAny("baseline: the broker refused records");
            if (received.get() != total || duplicates.get() > 0) {
                throw new RunFailure("baseline: sent " + total + " records, read " + received.get()
                        + " distinct ones and " + duplicates.get() + " duplicates");
            }
            result.latency("produce_to_consume", "Produce -> consume at " + rate + "/s", latency.percentiles());
        }
    }
}
