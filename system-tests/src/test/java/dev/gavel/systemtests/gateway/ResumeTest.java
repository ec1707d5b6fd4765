package dev.gavel.systemtests.gateway;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Messages.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.KafkaBroker;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.WsClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A client that reconnects resumes from the last seq it saw: it gets exactly the events it missed, or a snapshot that
 * says so when the gateway no longer has them. Never a silent gap or duplicate. The gateway keeps 3 events per auction.
 */
class ResumeTest {

    private static GavelStack stack;

    private Scenario scenario;
    private WsClient seller;
    private WsClient bidder;
    private WsClient rival;
    private int placed;
    private String auctionId;

    @BeforeAll
    static void start() {
        stack = GavelStack.start(
                KafkaBroker.bootstrapServers(),
                Map.of("gavel.gateway.replay-buffer-size", "3", "gavel.gateway.commands-per-second", "1000"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @BeforeEach
    void openAuction() {
        scenario = new Scenario(stack);
        seller = scenario.connect("sam");
        bidder = scenario.connect("bob");
        rival = scenario.connect("carol");
        auctionId =
                scenario.open(seller, createAuction().with("startingPrice", 1).with("softCloseMs", 0));
    }

    @AfterEach
    void close() {
        scenario.close();
    }

    /** Bob and Carol outbid each other: every bid is a public event. */
    private void bids(int count) {
        for (int i = 0; i < count; i++) {
            placed++;
            WsClient next = placed % 2 == 1 ? bidder : rival;
            JsonNode reply = scenario.request(next, placeBid(auctionId, 100 * placed));
            assertThat(reply.path("type").asString()).isEqualTo("bid-accepted");
        }
    }

    private WsClient resumeFrom(long lastSeq) {
        WsClient viewer = scenario.connect("vic");
        viewer.send(subscribe(auctionId).with("lastSeq", lastSeq).json());
        return viewer;
    }

    @Test
    void resumingWithinTheBufferReplaysTheMissedEventsInOrder() {
        bids(3);

        WsClient viewer = resumeFrom(2);

        viewer.await("subscribed", m -> m.path("type").asString().equals("subscribed"));
        List<Long> seqs = viewer.eventsOf(auctionId).stream()
                .map(m -> m.path("seq").asLong())
                .toList();
        assertThat(seqs).containsExactly(3L, 4L);
        assertThat(viewer.received()).noneMatch(m -> m.path("type").asString().equals("snapshot"));
    }

    @Test
    void resumingBeyondTheBufferGetsASnapshotMarkedResync() {
        bids(5);

        WsClient viewer = resumeFrom(1);

        JsonNode snapshot = viewer.snapshot(auctionId);
        assertThat(snapshot.path("resync").asBoolean()).isTrue();
        assertThat(snapshot.path("auction").path("seq").asLong()).isEqualTo(6);
        assertThat(viewer.eventsOf(auctionId)).isEmpty();
    }

    @Test
    void resumingUpToDateGetsOnlyTheConfirmation() {
        bids(2);

        WsClient viewer = resumeFrom(3);

        JsonNode subscribed =
                viewer.await("subscribed", m -> m.path("type").asString().equals("subscribed"));
        assertThat(subscribed.path("channel").asString()).isEqualTo("auction:" + auctionId);
        assertThat(viewer.eventsOf(auctionId)).isEmpty();
    }

    @Test
    void resumingFromASeqTheAuctionNeverHadGetsASnapshotMarkedResync() {
        WsClient viewer = resumeFrom(99);

        JsonNode snapshot = viewer.snapshot(auctionId);
        assertThat(snapshot.path("resync").asBoolean()).isTrue();
        assertThat(snapshot.path("auction").path("seq").asLong()).isEqualTo(1);
    }

    @Test
    void eventsAfterTheResumeFollowWithoutAGap() {
        bids(1);
        WsClient viewer = resumeFrom(1);
        viewer.await("subscribed", m -> m.path("type").asString().equals("subscribed"));

        bids(1);

        viewer.await("seq 3", m -> m.path("seq").asLong() == 3);
        assertThat(viewer.eventsOf(auctionId).stream().map(m -> m.path("seq").asLong()))
                .containsExactly(2L, 3L);
    }
}
