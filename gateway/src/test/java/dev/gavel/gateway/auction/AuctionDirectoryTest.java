package dev.gavel.gateway.auction;

import static dev.gavel.gateway.testing.Users.BOB;
import static dev.gavel.gateway.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionView;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.TextFrame;
import dev.gavel.gateway.testing.AuctionHistory;
import dev.gavel.gateway.testing.Frames;
import dev.gavel.gateway.testing.ManualScheduler;
import dev.gavel.gateway.testing.MutableClock;
import dev.gavel.gateway.testing.Times;
import dev.gavel.gateway.testing.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuctionDirectoryTest {

    private static final int REPLAY_LIMIT = 3;
    private static final String REQUEST_ID = "r-1";

    private final FrameWriter frames = spy(new FrameWriter(Times.fixedClock()));
    private final AuctionDirectory directory =
            new AuctionDirectory(frames, REPLAY_LIMIT, Duration.ZERO, Integer.MAX_VALUE, new ManualScheduler());
    /** A restore cutoff that forgets no ended auction. */
    private static final Instant KEEP_ENDED = Instant.MIN;

    private final AuctionHistory lamp = AuctionHistory.of("lamp");
    private final RecordingSubscriber viewer = new RecordingSubscriber();

    /** The lamp auction, created and published, with {@code bids} bids after it (seq 1 + bids). */
    private void lampWithBids(int bids) {
        directory.publish(lamp.created());
        for (int i = 1; i <= bids; i++) {
            directory.publish(lamp.bid(i % 2 == 1 ? BOB : CAROL, 10_00 + i * 100L));
        }
    }

    private static String bidUpdated(long seq) {
        return "bid-updated#" + seq;
    }

    @Test
    void countsTheOpenAuctionsOfASeller() {
        AuctionHistory vase = AuctionHistory.of("vase");
        AuctionHistory clock = AuctionHistory.of("clock");
        directory.publish(lamp.created());
        directory.publish(vase.created());
        directory.publish(clock.created());
        directory.publish(clock.ended());

        assertThat(directory.openAuctionsOf(Users.SAM_THE_SELLER.id())).isEqualTo(2);
        assertThat(directory.openAuctionsOf(BOB.id())).isZero();
    }

    @Nested
    class Publishing {

        @Test
        void whatWaitsForAnAuctionRunsOnceWhenItsCreationIsRead() {
            List<String> ran = new ArrayList<>();
            directory.whenKnown("lamp", () -> ran.add("first"));
            directory.whenKnown("lamp", () -> ran.add("second"));
            assertThat(ran).isEmpty();

            lampWithBids(1);

            assertThat(ran).containsExactly("first", "second");
        }

        @Test
        void whatWaitsForAKnownAuctionRunsAtOnce() {
            lampWithBids(0);
            List<String> ran = new ArrayList<>();

            directory.whenKnown("lamp", () -> ran.add("now"));

            assertThat(ran).containsExactly("now");
        }

        @Test
        void encodesEachFrameOnceForAllItsSubscribers() {
            lampWithBids(0);
            List<RecordingSubscriber> everyEvent =
                    List.of(viewer, new RecordingSubscriber(), new RecordingSubscriber());
            List<RecordingSubscriber> latestState = List.of(new RecordingSubscriber(), new RecordingSubscriber());
            everyEvent.forEach(subscriber -> directory.subscribe(subscriber, null, "lamp", null, false));
            latestState.forEach(subscriber -> directory.subscribe(subscriber, null, "lamp", null, true));
            clearInvocations(frames);

            directory.publish(lamp.bid(BOB, 11_00));

            // One bid-updated for the viewers of every event, one auction-state for those of the latest state.
            verify(frames, times(2)).encode(any());
            TextFrame bid = viewer.last().frame();
            assertThat(everyEvent)
                    .allSatisfy(
                            subscriber -> assertThat(subscriber.last().frame()).isSameAs(bid));
            TextFrame state = latestState.get(0).last().frame();
            assertThat(latestState)
                    .allSatisfy(
                            subscriber -> assertThat(subscriber.last().frame()).isSameAs(state));
            assertThat(Frames.describe(bid.text())).isEqualTo(bidUpdated(2));
            assertThat(Frames.describe(state.text())).isEqualTo("auction-state#2");
        }

        @Test
        void sendsEachEventToTheSubscribersInOrder() {
            lampWithBids(0);
            directory.subscribe(viewer, null, "lamp", null, false);

            directory.publish(lamp.bid(BOB, 11_00));
            directory.publish(lamp.extended(Duration.ofSeconds(10)));
            directory.publish(lamp.ended());

            assertThat(viewer.frames())
                    .containsExactly("snapshot#1", bidUpdated(2), "auction-extended#3", "auction-ended#4");
        }

        @Test
        void returnsTheAuctionAfterTheEvent() {
            lampWithBids(0);

            AuctionView after = directory.publish(lamp.bid(BOB, 11_00));

            assertThat(after).isEqualTo(lamp.view());
            assertThat(directory.find("lamp")).contains(lamp.view());
        }

        @Test
        void ignoresAnEventAlreadyApplied() {
            lampWithBids(0);
            AuctionEvent bid = lamp.bid(BOB, 11_00);
            directory.publish(bid);
            directory.subscribe(viewer, null, "lamp", null, false);
            viewer.clear();

            AuctionView again = directory.publish(bid);

            assertThat(again).isNull();
            assertThat(viewer.deliveries()).isEmpty();
            assertThat(directory.find("lamp")).contains(lamp.view());
        }

        @Test
        void ignoresAnEventThatSkipsASeq() {
            lampWithBids(0);
            directory.subscribe(viewer, null, "lamp", null, false);
            viewer.clear();
            lamp.bid(BOB, 11_00); // seq 2 never arrives
            AuctionEvent third = lamp.bid(CAROL, 12_00);

            AuctionView after = directory.publish(third);

            assertThat(after).isNull();
            assertThat(viewer.deliveries()).isEmpty();
            assertThat(directory.find("lamp").orElseThrow().seq()).isEqualTo(1);
        }

        @Test
        void ignoresAnEventOfAnUnknownAuction() {
            AuctionHistory unknown = AuctionHistory.open("unknown");

            assertThat(directory.publish(unknown.bid(BOB, 11_00))).isNull();
            assertThat(directory.find("unknown")).isEmpty();
        }

        @Test
        void ignoresACreationAlreadyApplied() {
            RecordingSubscriber lobby = new RecordingSubscriber();
            directory.subscribeLobby(lobby);
            AuctionEvent.AuctionCreated created = lamp.created();
            directory.publish(created);

            AuctionView again = directory.publish(created);

            assertThat(again).isNull();
            assertThat(lobby.frames()).containsExactly("auction-created#1");
        }

        @Test
        void doesNotSendToAnUnsubscribedViewer() {
            lampWithBids(0);
            directory.subscribe(viewer, null, "lamp", null, false);

            directory.unsubscribe(viewer, "lamp");
            directory.publish(lamp.bid(BOB, 11_00));

            assertThat(viewer.frames()).containsExactly("snapshot#1");
        }

        @Test
        void letsSubscribersReplaceAnEventByTheLatestStateOfItsAuction() {
            lampWithBids(0);
            directory.subscribe(viewer, null, "lamp", null, false);

            directory.publish(lamp.bid(BOB, 11_00));

            RecordingSubscriber.Delivery delivery = viewer.last();
            assertThat(delivery.auctionId()).isEqualTo("lamp");
            JsonNode latest = Frames.read(delivery.latestState().get().text());
            assertThat(latest.path("type").asString()).isEqualTo("snapshot");
            assertThat(latest.path("resync").asBoolean()).isTrue();
            assertThat(latest.path("auction").path("seq").asLong()).isEqualTo(2);
            assertThat(latest.path("auction").path("currentBid").decimalValue()).isEqualByComparingTo("11");
        }
    }

    /** With a frame interval, as the gateway runs: events that come faster than it share a frame. */
    @Nested
    class Pacing {

        private static final Duration INTERVAL = Duration.ofMillis(100);

        private final MutableClock clock = new MutableClock();
        private final ManualScheduler scheduler = new ManualScheduler();
        private final AuctionDirectory paced =
                new AuctionDirectory(new FrameWriter(clock), 16, INTERVAL, Integer.MAX_VALUE, scheduler);

        /** The lamp auction with one bid, sent to {@code viewer} as it came: the interval starts now. */
        private void lampWithAFreshBid() {
            paced.publish(lamp.created());
            paced.subscribe(viewer, null, "lamp", null, false);
            paced.publish(lamp.bid(BOB, 11_00));
        }

        @Test
        void anEventAfterAQuietIntervalGoesOutAtOnce() {
            lampWithAFreshBid();
            clock.advance(INTERVAL);

            paced.publish(lamp.bid(CAROL, 12_00));

            assertThat(viewer.frames()).containsExactly("snapshot#1", bidUpdated(2), bidUpdated(3));
            assertThat(scheduler.tasks()).isEmpty();
        }

        @Test
        void eventsWithinTheIntervalWaitForItsEnd() {
            lampWithAFreshBid();
            clock.advance(Duration.ofMillis(30));

            paced.publish(lamp.bid(CAROL, 12_00));
            paced.publish(lamp.bid(BOB, 13_00));

            assertThat(viewer.frames()).containsExactly("snapshot#1", bidUpdated(2));
            assertThat(scheduler.tasks())
                    .extracting(ManualScheduler.Task::delayMillis)
                    .containsExactly(70L);
        }

        @Test
        void eventsThatWaitedGoOutTogetherInOneFrameInSeqOrder() {
            lampWithAFreshBid();
            paced.publish(lamp.bid(CAROL, 12_00));
            paced.publish(lamp.extended(Duration.ofSeconds(10)));

            clock.advance(INTERVAL);
            scheduler.runAll();

            assertThat(viewer.frames()).containsExactly("snapshot#1", bidUpdated(2), "events#3-4");
            JsonNode events = viewer.frame(2).path("events");
            assertThat(viewer.frame(2).path("auctionId").asString()).isEqualTo("lamp");
            assertThat(events.get(0).path("type").asString()).isEqualTo("bid-updated");
            assertThat(events.get(0).path("currentBid").decimalValue()).isEqualByComparingTo("12");
            assertThat(events.get(1).path("type").asString()).isEqualTo("auction-extended");
        }

        /**
         * The lamp auction under a budget of 20 frames a second, watched by {@code viewer} and three others (of the
         * latest state if {@code othersLatest}), with a bid sent one interval ago.
         */
        private AuctionDirectory lampUnderAFrameBudget(boolean othersLatest) {
            AuctionDirectory budgeted = new AuctionDirectory(new FrameWriter(clock), 16, INTERVAL, 20, scheduler);
            budgeted.publish(lamp.created());
            budgeted.subscribe(viewer, null, "lamp", null, false);
            for (int i = 0; i < 3; i++) {
                budgeted.subscribe(new RecordingSubscriber(), null, "lamp", null, othersLatest);
            }
            budgeted.publish(lamp.bid(BOB, 11_00));
            clock.advance(INTERVAL);
            return budgeted;
        }

        /** Four viewers of every event at 10 frames a second would take 40: a frame every 200 ms instead. */
        @Test
        void moreSubscribersThanTheFrameBudgetAllowsLengthenTheInterval() {
            AuctionDirectory budgeted = lampUnderAFrameBudget(false);

            budgeted.publish(lamp.bid(CAROL, 12_00));

            assertThat(viewer.frames()).containsExactly("snapshot#1", bidUpdated(2));
            assertThat(scheduler.tasks())
                    .extracting(ManualScheduler.Task::delayMillis)
                    .containsExactly(100L);
        }

        @Test
        void subscribersOfTheLatestStateDoNotCountAgainstTheFrameBudget() {
            AuctionDirectory budgeted = lampUnderAFrameBudget(true);

            budgeted.publish(lamp.bid(CAROL, 12_00));

            assertThat(viewer.frames()).containsExactly("snapshot#1", bidUpdated(2), bidUpdated(3));
        }

        @Test
        void encodesEachEventAndEachFrameOfEventsOnceForAllSubscribers() {
            FrameWriter counted = spy(new FrameWriter(clock));
            AuctionDirectory directory = new AuctionDirectory(counted, 16, INTERVAL, Integer.MAX_VALUE, scheduler);
            RecordingSubscriber other = new RecordingSubscriber();
            directory.publish(lamp.created());
            directory.subscribe(viewer, null, "lamp", null, false);
            directory.subscribe(other, null, "lamp", null, false);
            directory.publish(lamp.bid(BOB, 11_00));
            clearInvocations(counted);

            directory.publish(lamp.bid(CAROL, 12_00));
            directory.publish(lamp.bid(BOB, 13_00));
            clock.advance(INTERVAL);
            scheduler.runAll();

            // Each event once as it comes, and the frame that carries them once.
            verify(counted, times(3)).encode(any());
            assertThat(viewer.frames()).containsExactly("snapshot#1", bidUpdated(2), "events#3-4");
            assertThat(other.last().frame()).isSameAs(viewer.last().frame());
        }

        @Test
        void aLoneEventThatWaitedGoesOutAsItself() {
            lampWithAFreshBid();
            paced.publish(lamp.bid(CAROL, 12_00));

            clock.advance(INTERVAL);
            scheduler.runAll();

            assertThat(viewer.frames()).containsExactly("snapshot#1", bidUpdated(2), bidUpdated(3));
        }

        @Test
        void aSubscriberOfTheLatestStateGetsOneStatePerFrameInsteadOfTheEvents() {
            RecordingSubscriber latest = new RecordingSubscriber();
            lampWithAFreshBid();
            paced.subscribe(latest, null, "lamp", null, true);
            paced.publish(lamp.bid(CAROL, 12_00));
            paced.publish(lamp.bid(BOB, 13_00));

            clock.advance(INTERVAL);
            scheduler.runAll();

            assertThat(viewer.frames()).containsExactly("snapshot#1", bidUpdated(2), "events#3-4");
            assertThat(latest.frames()).containsExactly("snapshot#2", "auction-state#4");
            JsonNode state = latest.frame(1);
            assertThat(state.path("auctionId").asString()).isEqualTo("lamp");
            assertThat(state.path("currentBid").decimalValue()).isEqualByComparingTo("13");
            assertThat(state.path("leader").path("id").asString()).isEqualTo(BOB.id());
            assertThat(state.path("bidCount").asInt()).isEqualTo(3);
            assertThat(state.path("status").asString()).isEqualTo("OPEN");
            assertThat(state.has("title"))
                    .as("what does not change is in the snapshot only")
                    .isFalse();
            assertThat(state.has("outcome")).as("no ending yet").isFalse();
        }

        @Test
        void aSubscriberOfTheLatestStateGetsTheEndingAtOnceAndOnlyOnce() {
            RecordingSubscriber latest = new RecordingSubscriber();
            RecordingSubscriber lobby = new RecordingSubscriber();
            paced.subscribeLobby(latest);
            paced.subscribeLobby(lobby);
            lampWithAFreshBid();
            paced.subscribe(latest, null, "lamp", null, true);
            latest.clear();
            lobby.clear();

            paced.publish(lamp.ended());

            assertThat(latest.frames()).containsExactly("auction-state#3");
            assertThat(latest.frame(0).path("status").asString()).isEqualTo("ENDED");
            assertThat(latest.frame(0).path("outcome").asString()).isEqualTo("SOLD");
            assertThat(latest.frame(0).path("finalPrice").decimalValue()).isEqualByComparingTo("11");
            assertThat(lobby.frames()).hasSize(1);
        }

        @Test
        void theEndingGoesOutAtOnceWithTheEventsBeforeIt() {
            lampWithAFreshBid();
            paced.publish(lamp.bid(CAROL, 12_00));

            paced.publish(lamp.ended());
            scheduler.runAll();

            assertThat(viewer.frames()).containsExactly("snapshot#1", bidUpdated(2), "events#3-4");
        }

        @Test
        void aSubscriberThatJoinsWhileEventsWaitGetsOnlyTheLaterOnes() {
            lampWithAFreshBid();
            paced.publish(lamp.bid(CAROL, 12_00));
            RecordingSubscriber late = new RecordingSubscriber();
            paced.subscribe(late, null, "lamp", null, false);
            paced.publish(lamp.bid(BOB, 13_00));

            scheduler.runAll();

            assertThat(late.frames()).containsExactly("snapshot#3", bidUpdated(4));
            assertThat(viewer.frames()).containsExactly("snapshot#1", bidUpdated(2), "events#3-4");
        }

        @Test
        void aSubscriberThatResumesWhileEventsWaitIsNotSentThemAgain() {
            lampWithAFreshBid();
            paced.publish(lamp.bid(CAROL, 12_00));
            RecordingSubscriber resumed = new RecordingSubscriber();

            paced.subscribe(resumed, REQUEST_ID, "lamp", 2L, false);
            scheduler.runAll();

            assertThat(resumed.frames()).containsExactly(bidUpdated(3), "subscribed");
        }

        @Test
        void aFrameOfSeveralEventsMayBeReplacedByTheLatestState() {
            lampWithAFreshBid();
            paced.publish(lamp.bid(CAROL, 12_00));
            paced.publish(lamp.bid(BOB, 13_00));

            scheduler.runAll();

            JsonNode latest = Frames.read(viewer.last().latestState().get().text());
            assertThat(latest.path("resync").asBoolean()).isTrue();
            assertThat(latest.path("auction").path("seq").asLong()).isEqualTo(4);
        }
    }

    @Nested
    class LatestState {

        @Test
        void isRenderedOnceForAnEventHoweverManySubscribersAskForIt() {
            lampWithBids(0);
            List<RecordingSubscriber> viewers =
                    List.of(new RecordingSubscriber(), new RecordingSubscriber(), new RecordingSubscriber());
            viewers.forEach(subscriber -> directory.subscribe(subscriber, null, "lamp", null, false));

            directory.publish(lamp.bid(BOB, 11_00));
            List<TextFrame> rendered = viewers.stream()
                    .map(subscriber -> subscriber.last().latestState().get())
                    .toList();

            verify(frames, times(1)).snapshot(null, lamp.view(), true);
            assertThat(rendered).allSatisfy(frame -> assertThat(frame).isSameAs(rendered.get(0)));
        }

        @Test
        void isNotRenderedWhenNoSubscriberLagsBehind() {
            lampWithBids(0);
            directory.subscribe(viewer, null, "lamp", null, false);

            directory.publish(lamp.bid(BOB, 11_00));

            verify(frames, never()).snapshot(isNull(), any(), eq(true));
        }
    }

    @Nested
    class Restoring {

        @Test
        void skipsTheEventsTheSnapshotAlreadyContains() {
            AuctionEvent.AuctionCreated created = lamp.created();
            AuctionEvent bid = lamp.bid(BOB, 11_00);
            AuctionEvent rival = lamp.bid(CAROL, 12_00);
            directory.restore("lamp", lamp.view(), KEEP_ENDED);
            directory.subscribe(viewer, null, "lamp", null, false);
            viewer.clear();

            assertThat(directory.publish(created)).isNull();
            assertThat(directory.publish(bid)).isNull();
            assertThat(directory.publish(rival)).isNull();

            assertThat(viewer.deliveries()).isEmpty();
            assertThat(directory.find("lamp")).contains(lamp.view());
        }

        @Test
        void skipsTheCreationOfAnAuctionRestoredAtItsCreation() {
            RecordingSubscriber lobby = new RecordingSubscriber();
            directory.subscribeLobby(lobby);
            AuctionEvent.AuctionCreated created = lamp.created();
            directory.restore("lamp", lamp.view(), KEEP_ENDED);

            assertThat(directory.publish(created)).isNull();
            assertThat(lobby.deliveries()).isEmpty();
        }

        @Test
        void appliesTheEventsAfterTheSnapshot() {
            lamp.created();
            directory.restore("lamp", lamp.view(), KEEP_ENDED);
            directory.subscribe(viewer, null, "lamp", null, false);

            AuctionView after = directory.publish(lamp.bid(BOB, 11_00));

            assertThat(after).isEqualTo(lamp.view());
            assertThat(viewer.frames()).containsExactly("snapshot#1", bidUpdated(2));
        }

        @Test
        void keepsANewerStateThanTheSnapshot() {
            lampWithBids(0);
            AuctionView older = lamp.view();
            directory.publish(lamp.bid(BOB, 11_00));

            directory.restore("lamp", older, KEEP_ENDED);

            assertThat(directory.find("lamp")).contains(lamp.view());
        }

        @Test
        void leavesOutAnAuctionThatEndedBeforeTheCutoff() {
            AuctionHistory ended = AuctionHistory.open("ended");
            ended.ended();
            Instant endedAt = ended.view().endedAt();

            directory.restore("ended", ended.view(), endedAt.plusMillis(1));

            assertThat(directory.find("ended")).isEmpty();
        }

        @Test
        void forgetsTheEarlierSnapshotOfAnAuctionThatEndedBeforeTheCutoff() {
            AuctionHistory ended = AuctionHistory.open("ended");
            directory.restore("ended", ended.view(), KEEP_ENDED);
            ended.ended();

            directory.restore("ended", ended.view(), ended.view().endedAt().plusMillis(1));

            assertThat(directory.find("ended")).isEmpty();
        }

        @Test
        void keepsAnAuctionThatEndedAtOrAfterTheCutoff() {
            AuctionHistory ended = AuctionHistory.open("ended");
            ended.ended();

            directory.restore("ended", ended.view(), ended.view().endedAt());

            assertThat(directory.find("ended")).contains(ended.view());
        }

        @Test
        void forgetsAnAuctionWhoseStateIsDeleted() {
            lampWithBids(0);

            directory.restore("lamp", null, KEEP_ENDED);

            assertThat(directory.find("lamp")).isEmpty();
        }
    }

    @Nested
    class Subscribing {

        @Test
        void withoutLastSeqSendsTheSnapshotFirstAndThenTheEvents() {
            lampWithBids(2);

            boolean subscribed = directory.subscribe(viewer, REQUEST_ID, "lamp", null, false);
            directory.publish(lamp.bid(BOB, 15_00));

            assertThat(subscribed).isTrue();
            assertThat(viewer.frames()).containsExactly("snapshot#3", bidUpdated(4));
            JsonNode snapshot = viewer.frame(0);
            assertThat(snapshot.path("requestId").asString()).isEqualTo(REQUEST_ID);
            assertThat(snapshot.has("resync")).isFalse();
        }

        @Test
        void withLastSeqInTheBufferSendsExactlyTheMissedEventsAndThenSubscribed() {
            lampWithBids(4); // seq 1..5; the buffer keeps 3, 4 and 5

            directory.subscribe(viewer, REQUEST_ID, "lamp", 2L, false);
            directory.publish(lamp.bid(BOB, 20_00));

            assertThat(viewer.frames())
                    .containsExactly(bidUpdated(3), bidUpdated(4), bidUpdated(5), "subscribed", bidUpdated(6));
            JsonNode subscribed = viewer.frame(3);
            assertThat(subscribed.path("requestId").asString()).isEqualTo(REQUEST_ID);
            assertThat(subscribed.path("channel").asString()).isEqualTo("auction:lamp");
        }

        @Test
        void withTheLatestSeqSendsOnlySubscribed() {
            lampWithBids(2);

            directory.subscribe(viewer, REQUEST_ID, "lamp", 3L, false);

            assertThat(viewer.frames()).containsExactly("subscribed");
        }

        @Test
        void fromTheCreationReplaysTheWholeHistoryWhileTheBufferHoldsIt() {
            lampWithBids(2); // seq 1..3: exactly the buffer

            directory.subscribe(viewer, REQUEST_ID, "lamp", 0L, false);

            assertThat(viewer.frames())
                    .containsExactly("auction-created#1", bidUpdated(2), bidUpdated(3), "subscribed");
        }

        @Test
        void withLastSeqBeforeTheBufferSendsASnapshotMarkedResync() {
            lampWithBids(4); // the buffer keeps 3, 4 and 5: event 2 is gone

            directory.subscribe(viewer, REQUEST_ID, "lamp", 1L, false);

            assertThat(viewer.frames()).containsExactly("snapshot#5");
            assertThat(viewer.frame(0).path("resync").asBoolean()).isTrue();
            assertThat(viewer.frame(0).path("requestId").asString()).isEqualTo(REQUEST_ID);
        }

        @Test
        void withLastSeqAheadOfTheAuctionSendsASnapshotMarkedResync() {
            lampWithBids(1);

            directory.subscribe(viewer, REQUEST_ID, "lamp", 9L, false);

            assertThat(viewer.frames()).containsExactly("snapshot#2");
            assertThat(viewer.frame(0).path("resync").asBoolean()).isTrue();
        }

        @Test
        void withLastSeqBeforeARestoredSnapshotSendsASnapshotMarkedResync() {
            lamp.created();
            lamp.bid(BOB, 11_00);
            directory.restore("lamp", lamp.view(), KEEP_ENDED); // events before it were never seen here

            directory.subscribe(viewer, REQUEST_ID, "lamp", 1L, false);

            assertThat(viewer.frames()).containsExactly("snapshot#2");
            assertThat(viewer.frame(0).path("resync").asBoolean()).isTrue();
        }

        @Test
        void afterTheEndKeepsOnlyTheLastEventsForResuming() {
            int bids = LiveAuction.ENDED_REPLAY_LIMIT + 10;
            AuctionDirectory roomy =
                    new AuctionDirectory(frames, bids + 10, Duration.ZERO, Integer.MAX_VALUE, new ManualScheduler());
            roomy.publish(lamp.created());
            for (int i = 1; i <= bids; i++) {
                roomy.publish(lamp.bid(i % 2 == 1 ? BOB : CAROL, 10_00 + i * 100L));
            }
            roomy.publish(lamp.ended());
            long end = lamp.view().seq();
            long oldestKept = end - LiveAuction.ENDED_REPLAY_LIMIT + 1;
            RecordingSubscriber behind = new RecordingSubscriber();

            roomy.subscribe(viewer, REQUEST_ID, "lamp", oldestKept - 1, false);
            roomy.subscribe(behind, REQUEST_ID, "lamp", oldestKept - 2, false);

            assertThat(viewer.frames())
                    .hasSize(LiveAuction.ENDED_REPLAY_LIMIT + 1)
                    .last()
                    .isEqualTo("subscribed");
            assertThat(viewer.frames().get(0)).isEqualTo(bidUpdated(oldestKept));
            assertThat(behind.frames()).containsExactly("snapshot#" + end);
            assertThat(behind.frame(0).path("resync").asBoolean()).isTrue();
        }

        @Test
        void replaysEventsThatMayBeReplacedButNotTheConfirmation() {
            lampWithBids(2);

            directory.subscribe(viewer, REQUEST_ID, "lamp", 1L, false);

            assertThat(viewer.deliveries())
                    .extracting(delivery -> delivery.latestState() != null)
                    .containsExactly(true, true, false);
        }

        @Test
        void toAnUnknownAuctionIsRefused() {
            assertThat(directory.subscribe(viewer, REQUEST_ID, "nothing", null, false))
                    .isFalse();
            assertThat(viewer.deliveries()).isEmpty();
        }

        @Test
        void isCounted() {
            lampWithBids(0);

            directory.subscribe(viewer, null, "lamp", null, false);
            directory.subscribe(new RecordingSubscriber(), null, "lamp", null, false);

            assertThat(directory.subscriptions()).isEqualTo(2);
        }
    }

    @Nested
    class Lobby {

        private final RecordingSubscriber lobby = new RecordingSubscriber();

        @Test
        void isToldOfCreationsAndEndingsOnly() {
            directory.subscribeLobby(lobby);

            lampWithBids(1);
            directory.publish(lamp.extended(Duration.ofSeconds(5)));
            directory.publish(lamp.ended());

            assertThat(lobby.frames()).containsExactly("auction-created#1", "auction-ended#4");
        }

        @Test
        void framesAreNeverReplaced() {
            directory.subscribeLobby(lobby);

            lampWithBids(0);
            directory.publish(lamp.ended());

            assertThat(lobby.deliveries())
                    .allSatisfy(delivery -> assertThat(delivery.latestState()).isNull());
        }

        @Test
        void isToldOnceOfTheEndOfAnAuctionItAlsoFollows() {
            directory.subscribeLobby(viewer);
            lampWithBids(0);
            directory.subscribe(viewer, null, "lamp", null, false);

            directory.publish(lamp.ended());

            assertThat(viewer.frames()).containsExactly("auction-created#1", "snapshot#1", "auction-ended#2");
        }

        @Test
        void isLeftByUnsubscribing() {
            directory.subscribeLobby(lobby);

            directory.unsubscribeLobby(lobby);
            lampWithBids(0);

            assertThat(lobby.deliveries()).isEmpty();
        }
    }

    @Nested
    class Listing {

        @Test
        void openAuctionsEndSoonestFirstAndLeaveOutTheEnded() {
            AuctionHistory late = AuctionHistory.open("late");
            late.extended(Duration.ofMinutes(30));
            directory.restore("late", late.view(), KEEP_ENDED);
            AuctionHistory ended = AuctionHistory.open("ended");
            ended.ended();
            directory.restore("ended", ended.view(), KEEP_ENDED);
            lampWithBids(0);

            assertThat(directory.openAuctions()).extracting(AuctionView::id).containsExactly("lamp", "late");
        }
    }

    @Nested
    class Eviction {

        @Test
        void forgetsAuctionsThatEndedBeforeTheCutoff() {
            lampWithBids(0);
            directory.publish(lamp.ended());
            Instant endedAt = lamp.view().endedAt();

            int evicted = directory.evictEndedBefore(endedAt.plusMillis(1));

            assertThat(evicted).isEqualTo(1);
            assertThat(directory.find("lamp")).isEmpty();
        }

        @Test
        void keepsAuctionsThatEndedAtOrAfterTheCutoff() {
            lampWithBids(0);
            directory.publish(lamp.ended());

            int evicted = directory.evictEndedBefore(lamp.view().endedAt());

            assertThat(evicted).isZero();
            assertThat(directory.find("lamp")).isPresent();
        }

        @Test
        void keepsOpenAuctions() {
            lampWithBids(1);

            int evicted = directory.evictEndedBefore(Instant.MAX);

            assertThat(evicted).isZero();
            assertThat(directory.size()).isEqualTo(1);
        }
    }
}
