package dev.gavel.gateway.show;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.ShowViewers;
import dev.gavel.gateway.auction.RecordingSubscriber;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.testing.MutableClock;
import dev.gavel.gateway.testing.ShowHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewerCountsTest {

    private final MutableClock clock = new MutableClock();
    private final FrameWriter frames = new FrameWriter(clock);
    private final ShowDirectory shows = new ShowDirectory(frames);
    private final List<ShowViewers> written = new ArrayList<>();
    private final ViewerCounts counts = new ViewerCounts("gateway-a", shows, written::add, frames, clock);
    private final RecordingSubscriber alice = new RecordingSubscriber();
    private final RecordingSubscriber bob = new RecordingSubscriber();

    ViewerCountsTest() {
        shows.publish(ShowHistory.created("spring").creation());
    }

    private void watching(RecordingSubscriber viewer) {
        shows.subscribe(viewer, null, "spring", null, auctionId -> {});
    }

    /** The audience the viewer was told last. */
    private int lastAudience(RecordingSubscriber viewer) {
        return viewer.last().frame().text().contains("show-viewers")
                ? viewer.frame(viewer.deliveries().size() - 1).path("viewers").asInt()
                : -1;
    }

    @Test
    void theInstanceWritesItsCountOfEachShowItHasViewersOf() {
        watching(alice);
        watching(bob);

        counts.tick();

        assertThat(written).singleElement().satisfies(count -> {
            assertThat(count.showId()).isEqualTo("spring");
            assertThat(count.gatewayId()).isEqualTo("gateway-a");
            assertThat(count.viewers()).isEqualTo(2);
        });
    }

    @Test
    void theAudienceIsTheSumOfEveryInstanceHeardFromLately() {
        watching(alice);
        counts.heard(new ShowViewers("spring", "gateway-b", 40, clock.instant()));

        counts.tick();

        assertThat(lastAudience(alice)).isEqualTo(41);
    }

    @Test
    void anInstanceNotHeardFromLatelyIsNoLongerCounted() {
        watching(alice);
        counts.heard(new ShowViewers("spring", "gateway-b", 40, clock.instant()));
        counts.tick();

        clock.advance(ViewerCounts.STALE.plusSeconds(1));
        counts.tick();

        assertThat(lastAudience(alice)).isEqualTo(1);
    }

    @Test
    void viewersAreToldOnlyWhenTheAudienceChanged() {
        watching(alice);
        counts.tick();
        int told = alice.deliveries().size();

        clock.advance(Duration.ofSeconds(1));
        counts.tick();

        assertThat(alice.deliveries()).hasSize(told);
    }

    @Test
    void anUnchangedCountIsWrittenAgainSoThatTheOthersKeepCountingIt() {
        watching(alice);
        counts.tick();

        clock.advance(ViewerCounts.REPEAT);
        counts.tick();

        assertThat(written).extracting(ShowViewers::viewers).containsExactly(1, 1);
    }

    @Test
    void theLastViewerLeavingIsWrittenOnceAsZero() {
        watching(alice);
        counts.tick();
        shows.unsubscribe(alice, "spring");

        counts.tick();
        clock.advance(ViewerCounts.REPEAT);
        counts.tick();

        assertThat(written).extracting(ShowViewers::viewers).containsExactly(1, 0);
    }
}
