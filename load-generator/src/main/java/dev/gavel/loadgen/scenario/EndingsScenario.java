package dev.gavel.loadgen.scenario;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.Topics;
import dev.gavel.loadgen.check.Failures;
import dev.gavel.loadgen.check.RequestLedger;
import dev.gavel.loadgen.kafka.Kafka;
import dev.gavel.loadgen.metrics.LatencyRecorder;
import dev.gavel.loadgen.report.Results;
import dev.gavel.loadgen.ws.Frame;
import dev.gavel.loadgen.ws.Gateway;
import dev.gavel.loadgen.ws.Messages;
import dev.gavel.loadgen.ws.Prometheus;
import dev.gavel.loadgen.ws.WsConnection;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Many short auctions, created over a few seconds so that their ends are spread the same way; every other one gets a
 * bid. A watcher subscribed to each auction measures how late {@code auction-ended} arrives after the auction's
 * {@code endsAt} (same machine, same wall clock), and checks that every auction ends exactly once with the right
 * outcome.
 */
@Command(
        name = "endings",
        header = "Auction endings",
        description = "Many short auctions: lateness of auction-ended after endsAt.")
public final class EndingsScenario extends Scenario {

    @Option(names = "--auctions", description = "Auctions (default: ${DEFAULT-VALUE}).")
    int auctions = 500;

    @Option(names = "--auction-ms", description = "Each auction's duration, at least 5000 (default: ${DEFAULT-VALUE}).")
    long auctionMs = 8_000;

    @Option(
            names = "--spread",
            description = "Seconds over which they are created, and so end (default: ${DEFAULT-VALUE}).")
    int spreadSeconds = 5;

    private static final int AUCTIONS_PER_WATCHER = 40;
    private static final int BIDDERS = 5;
    private static final long STARTING_PRICE_CENTS = 500;

    private Failures failures;
    private final Map<String, Long> endsAt = new ConcurrentHashMap<>();
    private final Map<String, Boolean> bidAccepted = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ended = new ConcurrentHashMap<>();
    private final Map<String, Instant> endedSeen = new ConcurrentHashMap<>();
    private final Map<String, Long> endedReadable = new ConcurrentHashMap<>();
    private final LatencyRecorder lateness = LatencyRecorder.withoutWarmup();
    private final LongAdder sold = new LongAdder();
    private final LongAdder unsold = new LongAdder();

    @Override
    public void quick() {
        auctions = 40;
        auctionMs = 5_000;
        spreadSeconds = 2;
    }

    @Override
    public void run(RunContext context, Results.Builder result) throws Exception {
        result.setting("auctions", auctions)
                .setting("auction_ms", auctionMs)
                .setting("spread_s", spreadSeconds)
                .setting("with_one_bid", "every other auction");
        failures = new Failures();
        RequestLedger<String> subscriptions = new RequestLedger<>(failures);
        RequestLedger<String> bids = new RequestLedger<>(failures);
        long watermarksFrom;
        long startedNanos = System.nanoTime();
        long startedMillis = System.currentTimeMillis();
        Map<String, Long> closesWritten;
        double watermarksPerSecond;
        int partitions;
        try (Gateway gateway = new Gateway(context.gatewayUri(), context.ioThreads());
                Kafka kafka = new Kafka(context.bootstrap());
                EndingsInTheLog log = new EndingsInTheLog(kafka)) {
            partitions = kafka.admin()
                    .describeTopics(List.of(Topics.AUCTION_COMMANDS))
                    .allTopicNames()
                    .get()
                    .get(Topics.AUCTION_COMMANDS)
                    .partitions()
                    .size();
            watermarksFrom = watermarksSent(gateway, context.gatewayManagementUri());
            int watcherCount = (auctions + AUCTIONS_PER_WATCHER - 1) / AUCTIONS_PER_WATCHER;
            List<WsConnection> watchers = gateway.connect("watcher", watcherCount, w -> new Watcher(subscriptions));
            List<WsConnection> bidders = gateway.connect("bidder", BIDDERS, b -> new Bidder(bids));
            try {
                List<Sellers.Created> created = Sellers.create(
                        gateway,
                        context.runId(),
                        name(),
                        auctions,
                        auctions / (double) spreadSeconds,
                        STARTING_PRICE_CENTS,
                        auctionMs,
                        failures,
                        auction -> {
                            endsAt.put(auction.auctionId(), auction.endsAt());
                            String watch = "watch-" + auction.index();
                            subscriptions.sent(watch, auction.auctionId());
                            watchers.get(auction.index() % watchers.size())
                                    .send(Messages.subscribe(watch, auction.auctionId()));
                            if (auction.index() % 2 == 0) {
                                String bid = "end-bid-" + auction.index();
                                bids.sent(bid, auction.auctionId());
                                bidders.get(auction.index() / 2 % BIDDERS)
                                        .send(Messages.placeBid(bid, auction.auctionId(), STARTING_PRICE_CENTS));
                            }
                        });
                long lastEnd = created.stream()
                        .mapToLong(Sellers.Created::endsAt)
                        .max()
                        .orElseThrow();
                subscriptions.awaitAnswers(TimeUnit.SECONDS.toNanos(30));
                bids.awaitAnswers(TimeUnit.SECONDS.toNanos(30));
                long deadline = lastEnd + TimeUnit.SECONDS.toMillis(30);
                while (ended.size() < auctions && System.currentTimeMillis() < deadline && failures.isEmpty()) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                for (String auctionId : endsAt.keySet()) {
                    if (!ended.containsKey(auctionId)) {
                        failures.add("auction never ended", auctionId + " was due at " + endsAt.get(auctionId));
                    }
                }
            } finally {
                Gateway.closeAll(bidders);
                Gateway.closeAll(watchers);
            }
            failures.throwIfAny(name());
            closesWritten = closesWritten(kafka, startedMillis);
            watermarksPerSecond = (watermarksSent(gateway, context.gatewayManagementUri()) - watermarksFrom)
                    / ((System.nanoTime() - startedNanos) / 1e9);
        }
        result.latency("lateness", "auction-ended at the client after endsAt", lateness.percentiles());
        splitLateness(closesWritten, result);
        result.figure("sold", "Auctions ended SOLD (one bid each)", sold.sum(), "");
        result.figure("unsold", "Auctions ended UNSOLD (no bid)", unsold.sum(), "");
        result.figure(
                "watermarks",
                "Watermarks the gateway wrote to the command log, per partition (" + partitions + " partitions)",
                watermarksPerSecond / partitions,
                "records/s");
        result.note("Lateness is measured against the wall clock (client and server on one machine). An auction is"
                + " closed as soon as every gateway's watermark has passed its end (ADR 13), in the transaction that"
                + " reads that watermark (ADR 19): the gateway's announcement once it has passed the end (it wakes at"
                + " the end), one commit and the gateway's delivery.");
    }

    /**
     * When the processor wrote each watched auction's {@code close-auction}: the record's timestamp, its wall clock at
     * the decision to close (ADR 13). It splits an ending's lateness into the wait for the close (watermarks) and what
     * follows it (the ending's commit, ADR 19, and the gateway's delivery).
     */
    private Map<String, Long> closesWritten(Kafka kafka, long fromMillis) {
        Map<String, Long> written = new HashMap<>();
        JsonSerde<AuctionCommand> commands = JsonSerde.commands();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer()) {
            List<TopicPartition> all = partitionsOf(consumer, Topics.AUCTION_COMMANDS);
            consumer.assign(all);
            Map<TopicPartition, Long> from = new HashMap<>();
            all.forEach(partition -> from.put(partition, fromMillis));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(from);
            Map<TopicPartition, Long> end = consumer.endOffsets(all);
            for (TopicPartition partition : all) {
                OffsetAndTimestamp first = start.get(partition);
                consumer.seek(partition, first == null ? end.get(partition) : first.offset());
            }
            while (all.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Kafka.pollTimeout())) {
                    if (endsAt.containsKey(record.key())
                            && commands.deserialize(record.topic(), record.value()) instanceof CloseAuction) {
                        written.put(record.key(), record.timestamp());
                    }
                }
            }
        }
        return written;
    }

    private void splitLateness(Map<String, Long> closesWritten, Results.Builder result) {
        LatencyRecorder toClose = LatencyRecorder.withoutWarmup();
        LatencyRecorder toReadable = LatencyRecorder.withoutWarmup();
        LatencyRecorder toClient = LatencyRecorder.withoutWarmup();
        closesWritten.forEach((auctionId, writtenAt) -> {
            toClose.recordMicros(TimeUnit.MILLISECONDS.toMicros(writtenAt - endsAt.get(auctionId)));
            Long readableAt = endedReadable.get(auctionId);
            if (readableAt != null) {
                toReadable.recordMicros(TimeUnit.MILLISECONDS.toMicros(readableAt - writtenAt));
                toClient.recordMicros(
                        ChronoUnit.MICROS.between(Instant.ofEpochMilli(readableAt), endedSeen.get(auctionId)));
            }
        });
        result.latency("close-written", "close-auction written by the processor, after endsAt", toClose.percentiles());
        result.latency(
                "ended-readable",
                "auction-ended read from the log (read_committed), after the close was written",
                toReadable.percentiles());
        result.latency(
                "ended-delivered",
                "auction-ended at the client, after it was read from the log",
                toClient.percentiles());
        result.figure("closes", "close-auction commands found for the watched auctions", closesWritten.size(), "");
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    /** Tails {@code auction-events} as a downstream reader does, noting when each watched auction's end is readable. */
    private final class EndingsInTheLog implements AutoCloseable {
        private final Thread reader;
        private volatile boolean running = true;

        EndingsInTheLog(Kafka kafka) {
            KafkaConsumer<String, byte[]> consumer = kafka.consumer();
            List<TopicPartition> all = partitionsOf(consumer, Topics.AUCTION_EVENTS);
            consumer.assign(all);
            consumer.seekToEnd(all);
            all.forEach(consumer::position);
            JsonSerde<AuctionEvent> events = JsonSerde.events();
            reader = new Thread(
                    () -> {
                        try (consumer) {
                            while (running) {
                                var records = consumer.poll(Kafka.pollTimeout());
                                long now = System.currentTimeMillis();
                                for (ConsumerRecord<String, byte[]> record : records) {
                                    if (endsAt.containsKey(record.key())
                                            && events.deserialize(record.topic(), record.value())
                                                    instanceof AuctionEnded) {
                                        endedReadable.put(record.key(), now);
                                    }
                                }
                            }
                        }
                    },
                    "endings-in-the-log");
            reader.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            reader.join();
        }
    }

    /** How many watermarks the gateway has written since it started, from its metrics at {@code management}. */
    private static long watermarksSent(Gateway gateway, URI management) {
        String text = gateway.scrape(management.resolve("/actuator/prometheus?includedNames=gavel_gateway_watermarks"));
        double sent = Prometheus.sum(text, "gavel_gateway_watermarks_total");
        return Double.isNaN(sent) ? 0 : (long) sent;
    }

    private final class Watcher extends Subscribers {
        Watcher(RequestLedger<String> subscriptions) {
            super(EndingsScenario.this.failures, subscriptions);
        }

        @Override
        protected void onEvent(Frame event, long receivedNanos) {
            if (!event.is("auction-ended")) {
                return;
            }
            Instant now = Instant.now();
            Long due = endsAt.get(event.auctionId());
            if (due == null) {
                failures.add("unexpected message", "auction-ended of an auction not watched: " + event.auctionId());
                return;
            }
            if (ended.put(event.auctionId(), true) != null) {
                failures.add("auction ended twice", event.auctionId());
                return;
            }
            endedSeen.put(event.auctionId(), now);
            lateness.recordMicros(ChronoUnit.MICROS.between(Instant.ofEpochMilli(due), now));
            boolean withBid = bidAccepted.containsKey(event.auctionId());
            String expected = withBid ? "SOLD" : "UNSOLD";
            if (!expected.equals(event.outcome()) || event.endedAt() != due) {
                failures.add(
                        "wrong ending",
                        event.auctionId() + " ended " + event.outcome() + " at " + event.endedAt() + ", expected "
                                + expected + " at " + due);
            }
            (withBid ? sold : unsold).increment();
        }
    }

    private final class Bidder extends Requester<String> {
        Bidder(RequestLedger<String> bids) {
            super(EndingsScenario.this.failures, bids);
        }

        @Override
        protected void onReply(String auctionId, Frame frame, long receivedNanos) {
            if (frame.is("bid-accepted")) {
                bidAccepted.put(auctionId, true);
            } else {
                failures.add("bid refused", frame.type() + " " + frame.reason() + frame.code() + " on " + auctionId);
            }
        }
    }
}
