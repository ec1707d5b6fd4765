package dev.gavel.gateway.feed;

import static dev.gavel.gateway.testing.Users.BOB;
import static dev.gavel.gateway.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.ShowStats;
import dev.gavel.events.Topics;
import dev.gavel.gateway.auction.AuctionDirectory;
import dev.gavel.gateway.auction.StatsBoard;
import dev.gavel.gateway.auction.Subscriber;
import dev.gavel.gateway.command.CommandOutcome;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.TextFrame;
import dev.gavel.gateway.show.ShowDirectory;
import dev.gavel.gateway.show.ViewerCounts;
import dev.gavel.gateway.testing.AuctionHistory;
import dev.gavel.gateway.testing.CommandLog;
import dev.gavel.gateway.testing.Frames;
import dev.gavel.gateway.testing.ManualScheduler;
import dev.gavel.gateway.testing.MutableClock;
import dev.gavel.gateway.testing.Times;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * The feed over Kafka's {@link MockConsumer}: a broker whose topics hold what the test wrote, handed to the feed's
 * thread in its polls.
 */
class AuctionFeedTest {

    private static final TopicPartition EVENTS = new TopicPartition(Topics.AUCTION_EVENTS, 0);
    private static final TopicPartition REJECTIONS = new TopicPartition(Topics.BID_REJECTIONS, 0);
    private static final TopicPartition STATS = new TopicPartition(Topics.SHOW_STATS, 0);
    private static final TopicPartition STATE = new TopicPartition(Topics.AUCTION_STATE, 0);
    private static final TopicPartition SHOW_EVENTS = new TopicPartition(Topics.SHOW_EVENTS, 0);
    private static final TopicPartition SHOW_NOTICES = new TopicPartition(Topics.SHOW_NOTICES, 0);
    private static final TopicPartition SHOW_STATE = new TopicPartition(Topics.SHOW_STATE, 0);
    private static final TopicPartition SHOW_VIEWERS = new TopicPartition(Topics.SHOW_VIEWERS, 0);
    private static final Duration ENDED_AUCTION_TTL = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock();
    private final FrameWriter frames = new FrameWriter(clock);
    private final AuctionDirectory directory =
            new AuctionDirectory(frames, 16, Duration.ZERO, Integer.MAX_VALUE, new ManualScheduler());
    private final StatsBoard board = new StatsBoard(directory, frames);
    private final ShowDirectory shows = new ShowDirectory(frames);
    private final ViewerCounts viewers = new ViewerCounts("gateway-test", shows, count -> {}, frames, clock);
    private final CommandLog commands = new CommandLog(clock);
    /** The consumers the feed will take, one per attempt to read. */
    private final Deque<MockConsumer<String, byte[]>> consumers = new ArrayDeque<>();

    private final AuctionFeed feed = new AuctionFeed(
            consumers::removeFirst,
            new ResultRouter(directory, shows, viewers, commands.service(), board),
            () -> clock.instant().minus(ENDED_AUCTION_TTL));

    private final AuctionHistory lamp = AuctionHistory.of("lamp");

    @AfterEach
    void stopTheFeed() {
        if (feed.isRunning()) {
            feed.stop();
        }
    }

    /**
     * A broker as the feed finds it when it starts: {@code committedEvents} events already on the event topic, and the
     * state topic holding {@code snapshots}, which the feed reads in its first poll.
     */
    private MockConsumer<String, byte[]> broker(long committedEvents, AuctionView... snapshots) {
        assertThat(snapshots)
                .as("the feed polls the state topic only when it holds something")
                .isNotEmpty();
        MockConsumer<String, byte[]> kafka = new MockConsumer<>("latest");
        for (TopicPartition partition :
                List.of(EVENTS, REJECTIONS, STATS, STATE, SHOW_EVENTS, SHOW_NOTICES, SHOW_STATE, SHOW_VIEWERS)) {
            kafka.updatePartitions(
                    partition.topic(), List.of(new PartitionInfo(partition.topic(), 0, null, null, null)));
        }
        kafka.updateBeginningOffsets(Map.of(
                EVENTS,
                0L,
                REJECTIONS,
                0L,
                STATS,
                0L,
                STATE,
                0L,
                SHOW_EVENTS,
                0L,
                SHOW_NOTICES,
                0L,
                SHOW_STATE,
                0L,
                SHOW_VIEWERS,
                0L));
        kafka.updateEndOffsets(Map.of(
                EVENTS,
                committedEvents,
                REJECTIONS,
                0L,
                STATS,
                0L,
                STATE,
                (long) snapshots.length,
                SHOW_EVENTS,
                0L,
                SHOW_NOTICES,
                0L,
                SHOW_STATE,
                0L,
                SHOW_VIEWERS,
                0L));
        kafka.schedulePollTask(() -> {
            for (int offset = 0; offset < snapshots.length; offset++) {
                AuctionView snapshot = snapshots[offset];
                kafka.addRecord(record(STATE, offset, snapshot.id(), JsonSerde.views(), snapshot));
            }
        });
        consumers.add(kafka);
        return kafka;
    }

    private static <T> ConsumerRecord<String, byte[]> record(
            TopicPartition partition, long offset, String key, JsonSerde<T> serde, T value) {
        return new ConsumerRecord<>(
                partition.topic(), partition.partition(), offset, key, serde.serialize(partition.topic(), value));
    }

    private static ConsumerRecord<String, byte[]> event(long offset, AuctionEvent event) {
        return record(EVENTS, offset, event.auctionId(), JsonSerde.events(), event);
    }

    private static ConsumerRecord<String, byte[]> notice(long offset, BidderNotice notice) {
        return record(REJECTIONS, offset, notice.auctionId(), JsonSerde.notices(), notice);
    }

    private void startAndAwaitReady() {
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(feed::isReady);
    }

    private long seqOf(String auctionId) {
        return directory.find(auctionId).map(AuctionView::seq).orElse(0L);
    }

    /** A subscriber that keeps each frame as {@code type#seq}; it is called on the feed's thread. */
    private static final class Viewer implements Subscriber {
        final List<String> frames = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(String auctionId, TextFrame frame, Supplier<TextFrame> latestState) {
            frames.add(Frames.describe(frame.text()));
        }
    }

    @Nested
    class Starting {

        @Test
        void isOutOfServiceUntilTheStateIsLoaded() {
            lamp.created();
            broker(1, lamp.view());
            assertThat(feed.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

            startAndAwaitReady();

            assertThat(feed.health().getStatus()).isEqualTo(Status.UP);
            assertThat(feed.health().getDetails()).containsEntry("auctions", 1);
        }

        @Test
        void loadsTheStateThenFollowsTheEventsFromWhereTheTopicEndedAtStart() {
            lamp.created();
            lamp.bid(BOB, 11_00);
            MockConsumer<String, byte[]> kafka = broker(2, lamp.view());
            AuctionEvent rival = lamp.bid(CAROL, 12_00);
            kafka.schedulePollTask(() -> kafka.addRecord(event(2, rival)));

            startAndAwaitReady();

            await().atMost(Duration.ofSeconds(5)).until(() -> seqOf("lamp") == 3);
            assertThat(directory.find("lamp")).contains(lamp.view());
        }

        @Test
        void skipsTheEventsAlreadyInTheLoadedStateBySeq() {
            lamp.created();
            AuctionEvent first = lamp.bid(BOB, 11_00);
            AuctionView loaded = lamp.view();
            AuctionEvent next = lamp.bid(CAROL, 12_00);
            // The state was written after the first bid, which was committed after the gateway pinned the event topic.
            MockConsumer<String, byte[]> kafka = broker(1, loaded);
            Viewer viewer = new Viewer();
            kafka.schedulePollTask(() -> {
                directory.subscribe(viewer, null, "lamp", null, false);
                kafka.addRecord(event(1, first));
                kafka.addRecord(event(2, next));
            });

            startAndAwaitReady();

            await().atMost(Duration.ofSeconds(5)).until(() -> seqOf("lamp") == 3);
            assertThat(viewer.frames).containsExactly("snapshot#2", "bid-updated#3");
        }

        @Test
        void leavesOutAuctionsThatEndedLongerAgoThanTheDirectoryKeepsThem() {
            AuctionHistory sold = AuctionHistory.open("sold");
            sold.ended();
            lamp.created();
            clock.advance(Duration.between(Times.NOW, sold.view().endedAt()).plus(ENDED_AUCTION_TTL.plusMillis(1)));
            broker(3, sold.view(), lamp.view());

            startAndAwaitReady();

            assertThat(directory.find("sold")).isEmpty();
            assertThat(directory.find("lamp")).isPresent();
        }

        @Test
        void readsTheStatisticsFromTheBeginning() {
            lamp.created();
            MockConsumer<String, byte[]> kafka = broker(1, lamp.view());
            ShowStats.ShowSales sales = new ShowStats.ShowSales(new ShowStats.Sales(4, 3, 1, 0, 0, 99_00), Times.NOW);
            kafka.updateEndOffsets(Map.of(STATS, 1L)); // read from its end, the feed would miss them
            kafka.schedulePollTask(() -> kafka.addRecord(record(STATS, 0, sales.key(), JsonSerde.stats(), sales)));

            startAndAwaitReady();

            await().atMost(Duration.ofSeconds(5)).until(() -> board.current().sales() != null);
            assertThat(board.current().sales().sold()).isEqualTo(3);
        }
    }

    @Nested
    class Outcomes {

        private AuctionCommand.PlaceBid bobsBid;
        private CompletableFuture<CommandOutcome> outcome;

        /** Bob's bid on the lamp, produced by this gateway and waiting for its outcome. */
        private MockConsumer<String, byte[]> bobHasBid() {
            lamp.created();
            MockConsumer<String, byte[]> kafka = broker(1, lamp.view());
            bobsBid = new AuctionCommand.PlaceBid("cmd-bob", "lamp", Times.NOW, BOB, 11_00L, null);
            outcome = commands.service().submit(bobsBid);
            return kafka;
        }

        /** The feed starts and reads {@code record} after the state: the outcome of Bob's bid, once it has one. */
        private CommandOutcome outcomeOnceRead(
                MockConsumer<String, byte[]> kafka, ConsumerRecord<String, byte[]> record) {
            kafka.schedulePollTask(() -> kafka.addRecord(record));
            startAndAwaitReady();
            await().atMost(Duration.ofSeconds(5)).until(outcome::isDone);
            return outcome.join();
        }

        @Test
        void anEventAnswersItsCommandWithTheAuctionAfterIt() {
            MockConsumer<String, byte[]> kafka = bobHasBid();
            AuctionEvent.BidPlaced placed = lamp.bid(BOB, 11_00, BOB, bobsBid.commandId());

            CommandOutcome answer = outcomeOnceRead(kafka, event(1, placed));

            assertThat(answer).isEqualTo(new CommandOutcome.Accepted(placed, lamp.view()));
        }

        @Test
        void aRejectionAnswersItsCommand() {
            MockConsumer<String, byte[]> kafka = bobHasBid();
            BidderNotice.CommandRejected tooLow = new BidderNotice.CommandRejected(
                    bobsBid.commandId(),
                    "lamp",
                    "place-bid",
                    BOB,
                    Times.NOW,
                    RejectionReason.BID_TOO_LOW,
                    "the minimum bid is 12.00",
                    12_00L);

            CommandOutcome answer = outcomeOnceRead(kafka, notice(0, tooLow));

            assertThat(answer).isEqualTo(new CommandOutcome.Rejected(tooLow));
        }

        @Test
        void aConfirmationAnswersItsCommandWithTheAuctionAsTheDirectoryKnowsIt() {
            MockConsumer<String, byte[]> kafka = bobHasBid();
            BidderNotice.CommandConfirmed repeated = new BidderNotice.CommandConfirmed(
                    bobsBid.commandId(), "lamp", "place-bid", BOB, Times.NOW, 11_00L, null, 11_00L, true, true, 2L);

            CommandOutcome answer = outcomeOnceRead(kafka, notice(0, repeated));

            assertThat(answer).isEqualTo(new CommandOutcome.Confirmed(repeated, lamp.view()));
        }

        @Test
        void anEventOfAnotherInstancesCommandLeavesThisOneWaiting() {
            MockConsumer<String, byte[]> kafka = bobHasBid();
            AuctionEvent.BidPlaced others = lamp.bid(CAROL, 11_00, CAROL, "cmd-of-another-gateway");
            kafka.schedulePollTask(() -> kafka.addRecord(event(1, others)));

            startAndAwaitReady();

            await().atMost(Duration.ofSeconds(5)).until(() -> seqOf("lamp") == 2);
            assertThat(outcome).isNotDone();
            assertThat(commands.service().pendingCount()).isEqualTo(1);
        }
    }

    @Nested
    class Trouble {

        @Test
        void anUnreadableRecordIsSkipped() {
            lamp.created();
            MockConsumer<String, byte[]> kafka = broker(1, lamp.view());
            AuctionEvent bid = lamp.bid(BOB, 11_00);
            kafka.schedulePollTask(() -> {
                kafka.addRecord(new ConsumerRecord<>(
                        EVENTS.topic(), 0, 1, "lamp", "{\"type\":\"no-such-event\"}".getBytes(StandardCharsets.UTF_8)));
                kafka.addRecord(event(2, bid));
            });

            startAndAwaitReady();

            await().atMost(Duration.ofSeconds(5)).until(() -> seqOf("lamp") == 2);
        }

        @Test
        void afterAFailedReadResumesWhereItStoppedWithoutLoadingTheStateAgain() {
            lamp.created();
            MockConsumer<String, byte[]> first = broker(1, lamp.view());
            AuctionEvent bid = lamp.bid(BOB, 11_00);
            AuctionEvent rival = lamp.bid(CAROL, 12_00);
            first.schedulePollTask(() -> first.addRecord(event(1, bid)));
            first.schedulePollTask(() -> first.setPollException(new KafkaException("the broker went away")));
            MockConsumer<String, byte[]> second = new MockConsumer<>("latest");
            consumers.add(second);
            second.schedulePollTask(() -> second.addRecord(event(2, rival)));

            startAndAwaitReady();

            await().atMost(Duration.ofSeconds(10)).until(() -> seqOf("lamp") == 3);
            assertThat(first.closed()).isTrue();
            assertThat(second.assignment())
                    .containsExactlyInAnyOrder(EVENTS, REJECTIONS, STATS, SHOW_VIEWERS, SHOW_EVENTS, SHOW_NOTICES);
            assertThat(second.position(EVENTS)).isEqualTo(3);
        }
    }
}
