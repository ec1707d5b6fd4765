package dev.gavel.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.GatewayWatermark;
import dev.gavel.events.Topics;
import dev.gavel.gateway.testing.MutableClock;
import dev.gavel.gateway.testing.Times;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaTemplate;

class WatermarkAnnouncerTest {

    private static final int PARTITIONS = 6;

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, AuctionCommand> kafka = mock(KafkaTemplate.class);

    private final MutableClock clock = new MutableClock();
    private final Receipts receipts = new Receipts(clock);
    private final List<WatermarkAnnouncer.Ending> open = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WatermarkAnnouncer announcer = new WatermarkAnnouncer(
            kafka, receipts, () -> open, clock, Duration.ofMillis(250), Duration.ofMillis(20), meters);

    @BeforeEach
    void givenACommandLogOfSixPartitions() {
        List<PartitionInfo> partitions = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new PartitionInfo(Topics.AUCTION_COMMANDS, p, null, null, null))
                .toList();
        when(kafka.partitionsFor(Topics.AUCTION_COMMANDS)).thenReturn(partitions);
        when(kafka.send(anyString(), anyInt(), anyString(), any())).thenReturn(CompletableFuture.completedFuture(null));
    }

    @Test
    void anInstanceAnnouncesItselfToEveryPartitionBeforeItTakesCommands() {
        announcer.announceToEveryPartition();

        for (int partition = 0; partition < PARTITIONS; partition++) {
            verify(kafka).send(eq(Topics.AUCTION_COMMANDS), eq(partition), eq(announcer.gatewayId()), any());
        }
    }

    @Test
    void theWatermarkSaysWhatIsWritten() {
        Instant unwritten = receipts.receive();
        clock.advance(Duration.ofMillis(40));

        announcer.announceToEveryPartition();

        assertThat(sentWatermarks()).allSatisfy(watermark -> {
            assertThat(watermark.gatewayId()).isEqualTo(announcer.gatewayId());
            assertThat(watermark.receivedBefore()).isEqualTo(unwritten);
        });
    }

    @Test
    void everyPartitionHearsFromTheInstanceOnceAnIntervalWhenNothingEnds() {
        announcer.announceToEveryPartition();
        clearInvocations(kafka);

        clock.advance(Duration.ofMillis(100));
        announcer.tick();
        verify(kafka, never()).send(anyString(), anyInt(), anyString(), any());

        clock.advance(Duration.ofMillis(150));
        announcer.tick();
        verify(kafka, times(PARTITIONS)).send(anyString(), anyInt(), anyString(), any());
    }

    @Test
    void aPartitionHearsFromTheInstanceAtTheFirstTickPastAnAuctionsEnd() {
        Instant endsAt = Times.NOW.plusMillis(50);
        open.add(new WatermarkAnnouncer.Ending("lamp", endsAt));
        announcer.announceToEveryPartition();
        clearInvocations(kafka);

        ticksOf20Millis(2);
        verify(kafka, never()).send(anyString(), anyInt(), anyString(), any());

        ticksOf20Millis(1);
        assertThat(watermarksTo(partitionOf("lamp")))
                .singleElement()
                .satisfies(watermark -> assertThat(watermark.receivedBefore()).isAfterOrEqualTo(endsAt));
        verify(kafka, times(1)).send(anyString(), anyInt(), anyString(), any());
    }

    @Test
    void theInstanceWakesAtAnEndThatComesBeforeItsNextTick() {
        Instant endsAt = Times.NOW.plusMillis(50);
        open.add(new WatermarkAnnouncer.Ending("lamp", endsAt));
        announcer.announceToEveryPartition();
        ticksOf20Millis(2);
        clearInvocations(kafka);

        assertThat(announcer.nextEnd(clock.millis())).hasValue(endsAt.toEpochMilli());
        clock.advance(Duration.ofMillis(10));
        announcer.tick();

        assertThat(watermarksTo(partitionOf("lamp")))
                .singleElement()
                .satisfies(watermark -> assertThat(watermark.receivedBefore()).isEqualTo(endsAt));
        assertThat(announcer.nextEnd(clock.millis())).isEmpty();
    }

    @Test
    void anEndBeyondTheNextTickWaitsForTheTicks() {
        open.add(new WatermarkAnnouncer.Ending("lamp", Times.NOW.plusMillis(50)));
        announcer.announceToEveryPartition();
        ticksOf20Millis(1);

        assertThat(announcer.nextEnd(clock.millis())).isEmpty();
    }

    @Test
    void anEndIsAnnouncedOnlyOnce() {
        open.add(new WatermarkAnnouncer.Ending("lamp", Times.NOW.plusMillis(10)));
        announcer.announceToEveryPartition();
        clearInvocations(kafka);

        ticksOf20Millis(10);

        verify(kafka, times(1)).send(anyString(), eq(partitionOf("lamp")), anyString(), any());
    }

    @Test
    void anEndIsNotAnnouncedWhileACommandReceivedBeforeItIsUnwritten() {
        Instant endsAt = Times.NOW.plusMillis(30);
        open.add(new WatermarkAnnouncer.Ending("lamp", endsAt));
        announcer.announceToEveryPartition();
        clock.advance(Duration.ofMillis(20));
        Instant bidReceived = receipts.receive();
        clearInvocations(kafka);

        ticksOf20Millis(3);
        verify(kafka, never()).send(anyString(), anyInt(), anyString(), any());

        receipts.settled(bidReceived);
        ticksOf20Millis(1);
        verify(kafka, times(1)).send(anyString(), eq(partitionOf("lamp")), anyString(), any());
    }

    @Test
    void auctionsEndingWithinOneTickOnOnePartitionShareOneWatermark() {
        open.add(new WatermarkAnnouncer.Ending("lamp", Times.NOW.plusMillis(25)));
        open.add(new WatermarkAnnouncer.Ending("lamp", Times.NOW.plusMillis(35)));
        announcer.announceToEveryPartition();
        clearInvocations(kafka);

        ticksOf20Millis(5);

        verify(kafka, times(1)).send(anyString(), anyInt(), anyString(), any());
    }

    @Test
    void anExtendedEndIsAnnouncedWhenItIsPassedInTurn() {
        open.add(new WatermarkAnnouncer.Ending("lamp", Times.NOW.plusMillis(10)));
        announcer.announceToEveryPartition();
        ticksOf20Millis(1);
        clearInvocations(kafka);

        open.set(0, new WatermarkAnnouncer.Ending("lamp", Times.NOW.plusMillis(170)));
        ticksOf20Millis(5);
        verify(kafka, never()).send(anyString(), anyInt(), anyString(), any());

        ticksOf20Millis(4);
        verify(kafka, times(1)).send(anyString(), eq(partitionOf("lamp")), anyString(), any());
    }

    @Test
    void anAuctionIsPartitionedAsTheProducerPartitionsItsCommands() {
        for (String auctionId : List.of("lamp", "7c1e9a42-3b0e-4d54-a0a5-0f7f1b1f3e21", "a", "lot-17")) {
            byte[] key = auctionId.getBytes(StandardCharsets.UTF_8);

            assertThat(WatermarkAnnouncer.partitionOf(auctionId, PARTITIONS))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key, PARTITIONS));
        }
    }

    private void ticksOf20Millis(int ticks) {
        for (int tick = 0; tick < ticks; tick++) {
            clock.advance(Duration.ofMillis(20));
            announcer.tick();
        }
    }

    private static int partitionOf(String auctionId) {
        return WatermarkAnnouncer.partitionOf(auctionId, PARTITIONS);
    }

    private List<GatewayWatermark> watermarksTo(int partition) {
        ArgumentCaptor<AuctionCommand> sent = ArgumentCaptor.forClass(AuctionCommand.class);
        verify(kafka, atLeastOnce()).send(anyString(), eq(partition), anyString(), sent.capture());
        return sent.getAllValues().stream().map(GatewayWatermark.class::cast).toList();
    }

    private List<GatewayWatermark> sentWatermarks() {
        ArgumentCaptor<AuctionCommand> sent = ArgumentCaptor.forClass(AuctionCommand.class);
        verify(kafka, times(PARTITIONS)).send(anyString(), anyInt(), anyString(), sent.capture());
        return sent.getAllValues().stream().map(GatewayWatermark.class::cast).toList();
    }
}
