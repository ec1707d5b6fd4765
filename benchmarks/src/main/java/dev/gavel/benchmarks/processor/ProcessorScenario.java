package dev.gavel.benchmarks.processor;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.BidIncrements;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.UserRef;
import dev.gavel.loadgen.check.RunFailure;
import dev.gavel.loadgen.kafka.Kafka;
import dev.gavel.loadgen.kafka.SendErrors;
import dev.gavel.loadgen.metrics.LatencyRecorder;
import dev.gavel.loadgen.metrics.Pacer;
import dev.gavel.loadgen.report.Results;
import dev.gavel.loadgen.scenario.RunContext;
import dev.gavel.loadgen.scenario.Scenario;
import dev.gavel.loadgen.scenario.Window;
import dev.gavel.processor.topology.AuctionTopology;
import dev.gavel.processor.topology.EngineSettings;
import dev.gavel.processor.topology.TopicNames;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The bid processor's own speed, through the broker but without the gateway: a pre-loaded command log drained by the
 * real {@link AuctionTopology} in this JVM, beside raw Kafka and a minimal Streams processor on the same records in
 * the same run; then the command -> event latency at a steady rate.
 */
@Command(
        name = "processor",
        header = "Bid processor",
        description = "Drain a pre-loaded command log with the real topology, beside raw Kafka and a minimal"
                + " Streams processor; then command -> event latency at a steady rate.")
public final class ProcessorScenario extends Scenario {

    @Option(names = "--commands", description = "Commands to pre-load (default: ${DEFAULT-VALUE}).")
    int commands = 1_000_000;

    @Option(names = "--auctions", description = "Auctions they address (default: ${DEFAULT-VALUE}).")
    int auctions = 10_000;

    @Option(
            names = "--commit-interval-ms",
            description =
                    "Streams commit interval (default: ${DEFAULT-VALUE}, as" + " the processor's application.yml).")
    int commitIntervalMs = 20;

    @Option(
            names = "--stream-threads",
            description = "Stream threads of both topologies (default: ${DEFAULT-VALUE}, as the processor's"
                    + " application.yml).")
    int streamThreads = 1;

    @Option(
            names = "--warmup-commands",
            description = "Commands of an unmeasured drain by both topologies first, in topics of their own"
                    + " (default: ${DEFAULT-VALUE}; 0 for none).")
    int warmupCommands = 300_000;

    @Option(names = "--warmup-auctions", description = "Auctions of the warm-up drain (default: ${DEFAULT-VALUE}).")
    int warmupAuctions = 3_000;

    @Option(names = "--latency-rate", description = "Commands/s for the latency test (default: ${DEFAULT-VALUE}).")
    int latencyRate = 5_000;

    @Option(names = "--latency-auctions", description = "Auctions of the latency test (default: ${DEFAULT-VALUE}).")
    int latencyAuctions = 1_000;

    @Mixin
    private final Window window = new Window(5, 20);

    private static final int PARTITIONS = 6;
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    @Override
    public void quick() {
        commands = 50_000;
        auctions = 1_000;
        warmupCommands = 10_000;
        warmupAuctions = 100;
        latencyRate = 1_000;
        latencyAuctions = 100;
        window.shorten(1, 3);
    }

    @Override
    public void run(RunContext context, Results.Builder result) throws Exception {
        String prefix = context.topicPrefix(name());
        result.setting("commands", commands)
                .setting("auctions", auctions)
                .setting("warmup_commands", warmupCommands)
                .setting("partitions", PARTITIONS)
                .setting("streams", StreamsRunner.describe(commitIntervalMs, streamThreads))
                .setting("latency_rate", latencyRate)
                .setting("latency_auctions", latencyAuctions);
        window.record(result);
        try (Kafka kafka = new Kafka(context.bootstrap())) {
            try {
                throughput(kafka, prefix, context, result);
                latency(kafka, prefix + "lat-", context, result);
            } finally {
                kafka.deleteTopicsStartingWith(prefix);
            }
        }
        result.note("The topology runs in the load generator's JVM, against the same broker;"
                + " the live processor of the stack is idle meanwhile.");
    }

    private void throughput(Kafka kafka, String prefix, RunContext context, Results.Builder result) throws Exception {
        if (warmupCommands > 0) {
            // Unmeasured: both topologies first drain a smaller log of their own, so that the measured drains compare
            // compiled code with compiled code (cold, the first drain of a JVM ran about a third slower).
            Log warm = preload(kafka, prefix + "warm-", context.runId() + "-warm", warmupCommands, warmupAuctions);
            drain(kafka, warm.gavel(), prefix + "warm-gavel", warm, context);
            drain(kafka, warm.minimal(), prefix + "warm-minimal", warm, context);
        }
        long start = System.nanoTime();
        Log log = preload(kafka, prefix, context.runId(), commands, auctions);
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        result.setting("command_bytes_mean", log.bytes() / commands);
        result.figure(
                "raw_produce_records_per_second",
                "Raw Kafka produce (pre-load)",
                commands / produceSeconds,
                "records/s");

        start = System.nanoTime();
        long read = drainCount(kafka, log.topics().commands(), commands);
        double consumeSeconds = (System.nanoTime() - start) / 1e9;
        if (read != commands) {
            throw new RunFailure("processor: pre-loaded " + commands + " commands but read back " + read);
        }
        result.figure("raw_consume_records_per_second", "Raw Kafka consume", commands / consumeSeconds, "records/s");

        Drain gavel = drain(kafka, log.gavel(), prefix + "gavel", log, context);
        verifyGavelOutput(kafka, log.topics(), log.plan());
        result.figure(
                "processor_commands_per_second", "Gavel processor (AuctionTopology)", gavel.perSecond(), "commands/s");

        Drain minimal = drain(kafka, log.minimal(), prefix + "minimal", log, context);
        long minimalRecords = drainCount(kafka, log.minimalOut(), log.plan().expectedOutputs());
        if (minimalRecords != log.plan().expectedOutputs()) {
            throw new RunFailure("processor: the minimal processor wrote " + minimalRecords + " records, expected "
                    + log.plan().expectedOutputs());
        }
        result.figure(
                "minimal_commands_per_second",
                "Minimal Streams processor (1 store)",
                minimal.perSecond(),
                "commands/s");
        result.figure(
                "minimal_to_processor_ratio",
                "Minimal / Gavel processor",
                minimal.perSecond() / gavel.perSecond(),
                "x");
        result.figure(
                "raw_consume_to_processor_ratio",
                "Raw consume / Gavel processor",
                (commands / consumeSeconds) / gavel.perSecond(),
                "x");
        result.figure(
                "processor_cpu_us_per_command",
                "CPU of this JVM per command drained, Gavel processor",
                gavel.cpuMicrosPerCommand(),
                "µs");
        result.figure(
                "minimal_cpu_us_per_command",
                "CPU of this JVM per command drained, minimal processor",
                minimal.cpuMicrosPerCommand(),
                "µs");
        result.figure(
                "records_out",
                "Records written per run (both processors)",
                log.plan().expectedOutputs(),
                "");
    }

    /** A command log pre-loaded into fresh topics, with the outputs of both processors. */
    private record Log(TopicNames topics, String minimalOut, CommandPlan plan, long bytes) {

        org.apache.kafka.streams.Topology gavel() {
            return AuctionTopology.build(settings(topics));
        }

        org.apache.kafka.streams.Topology minimal() {
            return MinimalTopology.build(topics.commands(), minimalOut);
        }
    }

    /** Creates the topics of a log and produces its commands; returns once the broker has them all. */
    private static Log preload(Kafka kafka, String prefix, String tag, int commands, int auctions) {
        TopicNames topics = topics(prefix);
        String minimalOut = prefix + "minimal-out";
        kafka.createTopics(
                Stream.concat(topics.all().stream(), Stream.of(minimalOut)).toList(), PARTITIONS);
        CommandPlan plan = new CommandPlan(
                tag, commands, auctions, Instant.now().truncatedTo(ChronoUnit.MILLIS), BidIncrements.DEFAULT);

        // Encode first, so that the produce figure is Kafka's alone.
        String[] keys = new String[commands];
        byte[][] values = new byte[commands][];
        byte[][] outputs = {
            MinimalTopology.outputsHeader(0), MinimalTopology.outputsHeader(1), MinimalTopology.outputsHeader(2)
        };
        int[] outputCounts = new int[commands];
        JsonSerde<AuctionCommand> serde = JsonSerde.commands();
        plan.forEach(planned -> {
            keys[planned.index()] = planned.command().auctionId();
            values[planned.index()] = serde.serialize(topics.commands(), planned.command());
            outputCounts[planned.index()] = planned.outputs();
        });
        SendErrors sendErrors = new SendErrors();
        try (KafkaProducer<String, byte[]> producer = kafka.producer(5, 262_144)) {
            for (int i = 0; i < commands; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(MinimalTopology.OUTPUTS_HEADER, outputs[outputCounts[i]]);
                producer.send(new ProducerRecord<>(topics.commands(), null, keys[i], values[i], headers), sendErrors);
            }
            producer.flush();
        }
        sendErrors.throwIfAny("processor: pre-loading the commands failed");
        long bytes = 0;
        for (byte[] value : values) {
            bytes += value.length;
        }
        return new Log(topics, minimalOut, plan, bytes);
    }

    private static TopicNames topics(String prefix) {
        return new TopicNames(
                prefix + "commands",
                prefix + "events",
                prefix + "rejections",
                prefix + "state",
                prefix + "dlq",
                prefix + "show-commands",
                prefix + "show-events",
                prefix + "show-notices",
                prefix + "show-state",
                prefix + "show-dlq");
    }

    private static EngineSettings settings(TopicNames topics) {
        EngineSettings defaults = EngineSettings.defaults();
        return new EngineSettings(
                defaults.increments(),
                defaults.punctuationInterval(),
                defaults.closeGrace(),
                defaults.gatewayTimeout(),
                defaults.endedRetention(),
                true,
                topics);
    }

    /** How fast a topology drained a log, and the CPU this JVM spent on it. */
    private record Drain(double perSecond, double cpuMicrosPerCommand) {}

    /** Runs a topology over the whole command topic of a log, timed from the moment it was running. */
    private Drain drain(
            Kafka kafka, org.apache.kafka.streams.Topology topology, String applicationId, Log log, RunContext context)
            throws InterruptedException {
        int count = log.plan().commands();
        try (StreamsRunner runner =
                new StreamsRunner(topology, kafka, applicationId, context.scratch(), commitIntervalMs, streamThreads)) {
            runner.start();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            long done = runner.awaitCommitted(kafka, log.topics().commands(), count, DRAIN_TIMEOUT);
            long cpu = processCpuNanos() - cpuStart;
            return new Drain(count / ((done - start) / 1e9), cpu / 1e3 / count);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Reads every committed record of a topic from the beginning; returns how many there were. */
    private static long drainCount(Kafka kafka, String topic, long expected) {
        long count = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long quietSince = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer()) {
            consumer.assign(Kafka.partitions(topic, PARTITIONS));
            consumer.seekToBeginning(consumer.assignment());
            // Past the expected count, keep reading briefly so that extra records are seen too.
            while (System.nanoTime() < deadline
                    && (count < expected || System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(500))) {
                int polled = consumer.poll(Kafka.pollTimeout()).count();
                if (polled > 0) {
                    count += polled;
                    quietSince = System.nanoTime();
                }
            }
        }
        return count;
    }

    /** Every event, rejection and state update the plan implies, each once, with every auction's seq contiguous. */
    private static void verifyGavelOutput(Kafka kafka, TopicNames topics, CommandPlan plan) {
        JsonSerde<AuctionEvent> events = JsonSerde.events();
        Map<String, Long> lastSeq = new HashMap<>();
        long count = 0;
        long gaps = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer()) {
            consumer.assign(Kafka.partitions(topics.events(), PARTITIONS));
            consumer.seekToBeginning(consumer.assignment());
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline
                    && (count < plan.expectedEvents()
                            || System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(500))) {
                var records = consumer.poll(Kafka.pollTimeout());
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    AuctionEvent event = events.deserialize(record.topic(), record.value());
                    long previous = lastSeq.getOrDefault(event.auctionId(), 0L);
                    if (event.seq() != previous + 1) {
                        gaps++;
                    }
                    lastSeq.put(event.auctionId(), event.seq());
                    count++;
                }
            }
        }
        long rejections = drainCount(kafka, topics.rejections(), plan.expectedRejections());
        long state = drainCount(kafka, topics.state(), plan.expectedEvents());
        long deadLetters = drainCount(kafka, topics.deadLetters(), 0);
        if (count != plan.expectedEvents()
                || gaps > 0
                || lastSeq.size() != plan.auctions()
                || rejections != plan.expectedRejections()
                || state != plan.expectedEvents()
                || deadLetters != 0) {
            throw new RunFailure(String.format(
                    "processor: the output does not match the commands: %d events (expected %d, %d seq gaps, %d"
                            + " auctions of %d), %d rejections (expected %d), %d state updates (expected %d), %d dead"
                            + " letters",
                    count,
                    plan.expectedEvents(),
                    gaps,
                    lastSeq.size(),
                    plan.auctions(),
                    rejections,
                    plan.expectedRejections(),
                    state,
                    plan.expectedEvents(),
                    deadLetters));
        }
    }

    /** Command -> event latency: commands at a fixed rate into the running topology, outcomes read committed. */
    private void latency(Kafka kafka, String prefix, RunContext context, Results.Builder result) throws Exception {
        TopicNames topics = topics(prefix);
        kafka.createTopics(topics.all(), PARTITIONS);
        String tag = context.runId() + "-lat";
        JsonSerde<AuctionCommand> commandSerde = JsonSerde.commands();
        try (StreamsRunner runner = new StreamsRunner(
                        AuctionTopology.build(settings(topics)),
                        kafka,
                        prefix + "gavel",
                        context.scratch(),
                        commitIntervalMs,
                        streamThreads);
                KafkaProducer<String, byte[]> producer = kafka.producer(1, 16_384);
                KafkaConsumer<String, byte[]> consumer = kafka.consumer()) {
            runner.start();
            CommandPlan auctionsOnly = new CommandPlan(
                    tag,
                    latencyAuctions,
                    latencyAuctions,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    BidIncrements.DEFAULT);
            auctionsOnly.forEach(planned -> producer.send(new ProducerRecord<>(
                    topics.commands(),
                    planned.command().auctionId(),
                    commandSerde.serialize(topics.commands(), planned.command()))));
            producer.flush();
            runner.awaitCommitted(kafka, topics.commands(), latencyAuctions, Duration.ofSeconds(60));

            consumer.assign(List.of(
                            Kafka.partitions(topics.events(), PARTITIONS),
                            Kafka.partitions(topics.rejections(), PARTITIONS))
                    .stream()
                    .flatMap(List::stream)
                    .toList());
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);

            int total = window.operations(latencyRate);
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            Pacer pacer = new Pacer(start, latencyRate);
            LatencyRecorder latency = LatencyRecorder.measuringFrom(window.measuredFrom(start));
            BitSet answered = new BitSet(total);
            AtomicLong outcomes = new AtomicLong();
            AtomicLong rejected = new AtomicLong();
            AtomicLong duplicates = new AtomicLong();
            SendErrors sendErrors = new SendErrors();
            String idPrefix = tag + "-b";
            Thread reader = new Thread(
                    () -> {
                        JsonSerde<AuctionEvent> events = JsonSerde.events();
                        JsonSerde<BidderNotice> notices = JsonSerde.notices();
                        long deadline = pacer.intendedNanos(total) + TimeUnit.SECONDS.toNanos(15);
                        while (outcomes.get() < total && System.nanoTime() < deadline) {
                            for (ConsumerRecord<String, byte[]> record : consumer.poll(Kafka.pollTimeout())) {
                                long now = System.nanoTime();
                                String commandId;
                                if (record.topic().equals(topics.events())) {
                                    commandId = events.deserialize(record.topic(), record.value())
                                            .commandId();
                                } else {
                                    commandId = notices.deserialize(record.topic(), record.value())
                                            .commandId();
                                    rejected.incrementAndGet();
                                }
                                if (!commandId.startsWith(idPrefix)) {
                                    continue;
                                }
                                int index = Integer.parseInt(commandId.substring(idPrefix.length()));
                                if (answered.get(index)) {
                                    duplicates.incrementAndGet();
                                    continue;
                                }
                                answered.set(index);
                                outcomes.incrementAndGet();
                                latency.record(pacer.intendedNanos(index), now);
                            }
                        }
                    },
                    "processor-latency-reader");
            reader.start();
            long[] price = new long[latencyAuctions];
            int[] round = new int[latencyAuctions];
            BidIncrements increments = BidIncrements.DEFAULT;
            for (int i = 0; i < total; i++) {
                int a = i % latencyAuctions;
                long amount = price[a] == 0 ? 1_000 : price[a] + increments.at(price[a]);
                price[a] = amount;
                int bidder = (a + round[a]++) % 50;
                long intended = pacer.awaitTurn(i);
                AuctionCommand bid = new AuctionCommand.PlaceBid(
                        idPrefix + i,
                        auctionsOnly.auctionId(a),
                        Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        new UserRef("bidder-" + bidder, "Bidder " + bidder),
                        amount,
                        null);
                producer.send(
                        new ProducerRecord<>(topics.commands(), bid.auctionId(), commandSerde.serialize(null, bid)),
                        sendErrors);
                if (i == total - 1) {
                    result.setting("latency_sender_lag_ms_at_end", (System.nanoTime() - intended) / 1_000_000);
                }
            }
            reader.join();
            sendErrors.throwIfAny("processor: producing commands failed");
            if (outcomes.get() != total || duplicates.get() > 0) {
                throw new RunFailure("processor: sent " + total + " commands at " + latencyRate + "/s, got an outcome"
                        + " for " + outcomes.get() + " of them and " + duplicates.get() + " repeated outcomes");
            }
            result.latency(
                    "command_to_event",
                    "Command -> event at " + latencyRate + "/s (produce to committed read)",
                    latency.percentiles());
            result.figure(
                    "latency_rejections", "Rejected commands in the latency test (expected 0)", rejected.get(), "");
        }
    }
}
