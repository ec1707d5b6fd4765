package dev.gavel.gateway.command;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.GatewayWatermark;
import dev.gavel.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Announces this gateway instance's progress to the processor (ADR 13): a {@link GatewayWatermark} to every partition
 * of the command log, saying that every command it received before that time is in the partition ahead of it. Sent
 * every {@code idleInterval}, so that the processor knows the instance is alive, and to a partition as soon as the
 * instance has passed the end of one of its auctions (looked at every {@code closingInterval}), so that the ending is
 * decided as soon as every instance has passed it (the instance wakes at an end that comes between two looks). One
 * watermark per ending and instance is all a close needs: sending
 * them at a short interval around every ending made the processors of a cluster fall seconds behind (ADR 13, third
 * addendum).
 *
 * <p>Started before the instance takes any command: its first watermarks are in the log before any of its commands,
 * so the processor knows it before a close could overtake them.
 */
public final class WatermarkAnnouncer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatermarkAnnouncer.class);

    /** An open auction: where it is partitioned, and when it ends. */
    public record Ending(String auctionId, Instant endsAt) {}

    private static final Duration SOON = Duration.ofSeconds(1);
    private static final Duration JUST_PASSED = Duration.ofSeconds(2);
    private static final Duration PARTITIONS_REFRESH = Duration.ofSeconds(30);

    private final KafkaTemplate<String, AuctionCommand> kafka;
    private final Receipts receipts;
    private final Supplier<Collection<Ending>> openAuctions;
    private final Clock clock;
    private final Duration idleInterval;
    private final Duration closingInterval;
    private final Counter sent;
    private final String gatewayId = "gateway-" + UUID.randomUUID();
    private final AtomicLong sequence = new AtomicLong();

    private volatile ScheduledExecutorService thread;
    private long[] lastSent = new long[0];
    private long[] lastAnnounced = new long[0];
    private List<NavigableSet<Long>> endings = List.of();
    private long partitionsReadAt;
    private long endingsReadAt;
    private long wakeAt = Long.MIN_VALUE;

    public WatermarkAnnouncer(
            KafkaTemplate<String, AuctionCommand> kafka,
            Receipts receipts,
            Supplier<Collection<Ending>> openAuctions,
            Clock clock,
            Duration idleInterval,
            Duration closingInterval,
            MeterRegistry meters) {
        this.kafka = kafka;
        this.receipts = receipts;
        this.openAuctions = openAuctions;
        this.clock = clock;
        this.idleInterval = idleInterval;
        this.closingInterval = closingInterval;
        this.sent = Counter.builder("gavel.gateway.watermarks")
                .description("Watermarks this instance wrote to the command log")
                .register(meters);
    }

    public String gatewayId() {
        return gatewayId;
    }

    /** Announces the instance to every partition, waits briefly until that is written, then keeps announcing. */
    @Override
    public void start() {
        announceToEveryPartition();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gavel-watermarks");
            thread.setDaemon(true);
            return thread;
        });
        long period = closingInterval.toMillis();
        thread = timer;
        timer.scheduleWithFixedDelay(this::tickAndWake, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * A tick, then a wake-up at the next end if it comes before the next tick: an end is announced the moment it is
     * passed rather than up to a closing interval later (each end gets one such wake-up; one still held back by an
     * unwritten command is announced at a later tick).
     */
    private void tickAndWake() {
        tick();
        ScheduledExecutorService timer = thread;
        long now = clock.millis();
        OptionalLong next = nextEnd(now);
        if (timer != null && next.isPresent() && next.getAsLong() != wakeAt) {
            wakeAt = next.getAsLong();
            try {
                timer.schedule(this::tickAndWake, Math.max(0, wakeAt - now), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // The instance is stopping: nothing more to announce.
            }
        }
    }

    /** The earliest end not announced yet, if it comes before the next tick. */
    OptionalLong nextEnd(long now) {
        long next = Long.MAX_VALUE;
        for (int partition = 0; partition < lastSent.length && partition < endings.size(); partition++) {
            Long end = endings.get(partition).higher(lastAnnounced[partition]);
            if (end != null) {
                next = Math.min(next, end);
            }
        }
        return next < now + closingInterval.toMillis() ? OptionalLong.of(next) : OptionalLong.empty();
    }

    void announceToEveryPartition() {
        try {
            long now = clock.millis();
            resize(kafka.partitionsFor(Topics.AUCTION_COMMANDS).size());
            partitionsReadAt = now;
            long watermark = receipts.watermark().toEpochMilli();
            List<CompletableFuture<?>> first = new ArrayList<>();
            for (int partition = 0; partition < lastSent.length; partition++) {
                first.add(send(partition, watermark, now));
            }
            CompletableFuture.allOf(first.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Kafka may be unreachable at start: the instance still starts, and announces itself once it can.
            log.warn("Could not announce gateway {} to the command log yet: {}", gatewayId, e.toString());
        }
    }

    @Override
    public void stop() {
        thread.shutdownNow();
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Before the web server takes requests (and stopped after it): no command of this instance precedes it. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    /** Sends what is due now: to every partition once an interval, and where this instance has passed an end. */
    void tick() {
        try {
            long now = clock.millis();
            if (lastSent.length == 0 || now - partitionsReadAt >= PARTITIONS_REFRESH.toMillis()) {
                resize(kafka.partitionsFor(Topics.AUCTION_COMMANDS).size());
                partitionsReadAt = now;
            }
            if (endings.size() != lastSent.length || now - endingsReadAt >= closingInterval.toMillis() * 5) {
                endings = endingsByPartition(Instant.ofEpochMilli(now), lastSent.length);
                endingsReadAt = now;
            }
            long watermark = receipts.watermark().toEpochMilli();
            for (int partition = 0; partition < lastSent.length; partition++) {
                if (now - lastSent[partition] >= idleInterval.toMillis() || passedAnEnd(partition, watermark)) {
                    send(partition, watermark, now);
                }
            }
        } catch (RuntimeException e) {
            log.debug("Could not announce gateway {} this time", gatewayId, e);
        }
    }

    private void resize(int partitions) {
        if (partitions != lastSent.length) {
            lastSent = new long[partitions];
            lastAnnounced = new long[partitions];
        }
    }

    /** Whether the watermark has passed the end of an auction of the partition that no watermark has passed yet. */
    private boolean passedAnEnd(int partition, long watermark) {
        Long next = endings.get(partition).higher(lastAnnounced[partition]);
        return next != null && next <= watermark;
    }

    /** The ends of the open auctions that end within a second or ended within the last two, by partition. */
    private List<NavigableSet<Long>> endingsByPartition(Instant now, int partitions) {
        List<NavigableSet<Long>> result = new ArrayList<>(partitions);
        for (int partition = 0; partition < partitions; partition++) {
            result.add(new TreeSet<>());
        }
        for (Ending ending : openAuctions.get()) {
            if (ending.endsAt().isBefore(now.plus(SOON)) && ending.endsAt().isAfter(now.minus(JUST_PASSED))) {
                result.get(partitionOf(ending.auctionId(), partitions))
                        .add(ending.endsAt().toEpochMilli());
            }
        }
        return result;
    }

    /** The partition the producer's default partitioner puts an auction's commands in. */
    static int partitionOf(String auctionId, int partitions) {
        return Utils.toPositive(Utils.murmur2(auctionId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private CompletableFuture<?> send(int partition, long watermark, long now) {
        lastSent[partition] = now;
        lastAnnounced[partition] = watermark;
        GatewayWatermark record = new GatewayWatermark(
                "watermark:" + gatewayId + ":" + sequence.incrementAndGet(),
                gatewayId,
                Instant.ofEpochMilli(watermark));
        sent.increment();
        return kafka.send(Topics.AUCTION_COMMANDS, partition, gatewayId, record);
    }
}
