package dev.gavel.gateway.show;

import static dev.gavel.gateway.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.Outcome;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowStatus;
import dev.gavel.events.ShowView;
import dev.gavel.gateway.auction.RecordingSubscriber;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.testing.Frames;
import dev.gavel.gateway.testing.ShowHistory;
import dev.gavel.gateway.testing.Times;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ShowDirectoryTest {

    private final ShowDirectory directory = new ShowDirectory(new FrameWriter(Times.fixedClock()));
    private final ShowHistory spring = ShowHistory.created("spring");
    private final RecordingSubscriber viewer = new RecordingSubscriber();
    private final List<String> followed = new ArrayList<>();

    /** The show as the feed has read it: created, with two lots. */
    private void springIsKnown() {
        directory.publish(spring.creation());
        directory.publish(spring.lotAdded());
        directory.publish(spring.lotAdded());
    }

    private void subscribe(Long lastSeq) {
        assertThat(directory.subscribe(viewer, "w-1", "spring", lastSeq, followed::add))
                .isTrue();
    }

    private JsonNode lastFrame() {
        return viewer.frame(viewer.deliveries().size() - 1);
    }

    @Test
    void aViewerGetsTheShowsSnapshotThenEveryChangeWithTheWholeShow() {
        springIsKnown();
        subscribe(null);

        directory.publish(spring.started());

        assertThat(viewer.frames()).containsExactly("show-snapshot", "show-updated#4");
        JsonNode updated = lastFrame();
        assertThat(updated.path("change").asString()).isEqualTo("show-started");
        assertThat(updated.path("show").path("status").asString()).isEqualTo("LIVE");
        assertThat(updated.path("show").path("lineup").size()).isEqualTo(2);
    }

    @Test
    void aViewerWhoFallsBehindGetsTheLatestShowAsAResync() {
        springIsKnown();
        subscribe(null);

        directory.publish(spring.started());

        JsonNode latest = Frames.read(viewer.last().latestState().get().text());
        assertThat(latest.path("type").asString()).isEqualTo("show-snapshot");
        assertThat(latest.path("resync").asBoolean()).isTrue();
        assertThat(latest.path("show").path("seq").asLong()).isEqualTo(4);
    }

    @Test
    void aViewerFollowsEachLotAsItStarts() {
        springIsKnown();
        directory.publish(spring.started());
        subscribe(null);

        directory.publish(spring.lotStarted(1));
        directory.publish(spring.lotEnded(Outcome.SOLD, BOB, 25_00L));
        directory.publish(spring.lotStarted(2));

        assertThat(followed).containsExactly(spring.auctionOf(1, 1), spring.auctionOf(2, 1));
    }

    @Test
    void aViewerWhoJoinsWhileALotRunsFollowsItAtOnce() {
        springIsKnown();
        directory.publish(spring.started());
        directory.publish(spring.lotStarted(2));

        subscribe(null);

        assertThat(followed).containsExactly(spring.auctionOf(2, 1));
    }

    @Test
    void aViewerResumingAtTheShowsSeqIsOnlyToldItIsSubscribed() {
        springIsKnown();

        subscribe(3L);

        assertThat(viewer.frames()).containsExactly("subscribed");
        assertThat(lastFrame().path("channel").asString()).isEqualTo("show:spring");
    }

    @Test
    void aViewerResumingFromAnotherSeqGetsASnapshotMarkedResync() {
        springIsKnown();

        subscribe(1L);

        assertThat(viewer.frames()).containsExactly("show-snapshot");
        assertThat(lastFrame().path("resync").asBoolean()).isTrue();
    }

    @Test
    void anEventSeenAlreadyIsSkipped() {
        springIsKnown();
        ShowEvent started = spring.started();
        directory.publish(started);
        subscribe(4L);

        assertThat(directory.publish(started)).isNull();

        assertThat(viewer.frames()).containsExactly("subscribed");
    }

    @Test
    void anOlderSnapshotDoesNotReplaceANewerShow() {
        springIsKnown();
        ShowView older = directory.find("spring").orElseThrow();
        directory.publish(spring.started());

        directory.restore("spring", older);

        assertThat(directory.find("spring").orElseThrow().status()).isEqualTo(ShowStatus.LIVE);
    }

    @Test
    void theListPutsLiveShowsFirstThenUpcomingOnes() {
        springIsKnown();
        ShowHistory autumn = ShowHistory.created("autumn");
        directory.publish(autumn.creation());
        directory.publish(autumn.started());

        assertThat(directory.list()).extracting(ShowView::id).containsExactly("autumn", "spring");
    }

    @Test
    void aSubscriptionToAnUnknownShowIsRefused() {
        assertThat(directory.subscribe(viewer, "w-1", "nowhere", null, followed::add))
                .isFalse();
    }
}
