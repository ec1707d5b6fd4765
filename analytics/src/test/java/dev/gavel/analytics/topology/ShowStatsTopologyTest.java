package dev.gavel.analytics.topology;

import static dev.gavel.analytics.topology.Show.BOB;
import static dev.gavel.analytics.topology.Show.CAROL;
import static dev.gavel.analytics.topology.Show.KIM;
import static dev.gavel.analytics.topology.Show.SAM;
import static dev.gavel.analytics.topology.Show.second;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.Outcome;
import dev.gavel.events.ShowStats;
import dev.gavel.events.ShowStats.AuctionBids;
import dev.gavel.events.ShowStats.HighestBid;
import dev.gavel.events.ShowStats.HotAuctions;
import dev.gavel.events.ShowStats.Sales;
import dev.gavel.events.ShowStats.SellerSales;
import dev.gavel.events.ShowStats.ShowSales;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics of a fixed sequence of events, against values computed by hand. Windows with the default settings:
 * hot auctions over one minute hopping every 10 s, the top 5; the highest bid per minute; 5 s of grace. Times are
 * seconds after T0, the start of a minute.
 */
class ShowStatsTopologyTest {

    @TempDir
    Path stateDir;

    private final Show show = new Show();
    private StatsDriver stats;

    @BeforeEach
    void start() {
        stats = new StatsDriver(StatsSettings.defaults(), stateDir);
        stats.pipe(show.created("A", SAM, 0), show.created("B", SAM, 1), show.created("C", KIM, 2));
    }

    @AfterEach
    void stop() {
        stats.close();
    }

    @Test
    void hotAuctionsRankTheBidsOfTheOldestWindowThatHoldsTheLatestBid() {
        stats.pipe(
                show.bid("A", BOB, 1_000, 5),
                show.bid("A", CAROL, 1_100, 15),
                show.bid("B", BOB, 5_000, 20),
                show.bid("A", BOB, 1_200, 25));

        // At 25 s the windows holding it start at -30, -20, ..., 20 s; the oldest, [-30 s, 30 s), has every bid.
        assertThat(stats.latest().get(HotAuctions.KEY))
                .isEqualTo(new HotAuctions(second(-30), second(30), List.of(bids("A", 3), bids("B", 1))));
    }

    @Test
    void bidsOlderThanTheWindowNoLongerMakeAnAuctionHot() {
        stats.pipe(
                show.bid("A", BOB, 1_000, 5),
                show.bid("A", CAROL, 1_100, 15),
                show.bid("B", BOB, 5_000, 20),
                show.bid("A", BOB, 1_200, 25),
                show.bid("B", CAROL, 5_200, 50),
                show.bid("B", BOB, 5_300, 64),
                show.bid("B", CAROL, 5_400, 68));

        // At 68 s the current window is [10 s, 70 s): A's bid at 5 s is out of it, B's four bids are in.
        assertThat(stats.latest().get(HotAuctions.KEY))
                .isEqualTo(new HotAuctions(second(10), second(70), List.of(bids("B", 4), bids("A", 2))));
    }

    @Test
    void theRankingMovesOnOnlyWhenItChanges() {
        stats.pipe(show.bid("A", BOB, 1_000, 5), show.bid("A", CAROL, 1_100, 6));

        List<HotAuctions> rankings = hotRankings(stats.published());

        assertThat(rankings)
                .containsExactly(
                        new HotAuctions(second(-50), second(10), List.of(bids("A", 1))),
                        new HotAuctions(second(-50), second(10), List.of(bids("A", 2))));
    }

    @Test
    void theRankingListsTheConfiguredNumberOfAuctionsWithTiesByAuctionId() {
        StatsSettings topTwo = new StatsSettings(
                Duration.ofMinutes(1), Duration.ofSeconds(10), 2, Duration.ofMinutes(1), Duration.ofSeconds(5));
        try (StatsDriver small = new StatsDriver(topTwo, stateDir.resolve("top-two"))) {
            small.pipe(
                    show.created("D", KIM, 0),
                    show.bid("C", BOB, 1_000, 3),
                    show.bid("B", BOB, 1_000, 4),
                    show.bid("D", BOB, 1_000, 5),
                    show.bid("D", CAROL, 1_100, 6));

            assertThat(small.latest().get(HotAuctions.KEY))
                    .isEqualTo(new HotAuctions(second(-50), second(10), List.of(bids("D", 2), bids("B", 1))));
        }
    }

    @Test
    void theHighestStandingBidOfEachMinuteIsPublishedUnderItsMinute() {
        stats.pipe(
                show.bid("A", BOB, 1_000, 5),
                show.bid("B", BOB, 5_000, 20),
                // Carol bids 52.00 on B; Bob's proxy answers at once and stands at 55.00.
                show.bid("B", CAROL, 5_200, BOB, 5_500, 50),
                show.bid("A", CAROL, 1_100, 64),
                show.bid("C", BOB, 2_000, 70));

        Map<String, ShowStats> latest = stats.latest();

        assertThat(latest.get("highest-bid:" + second(0).toEpochMilli()))
                .isEqualTo(new HighestBid(second(0), second(60), "B", 5_500, BOB, second(50)));
        assertThat(latest.get("highest-bid:" + second(60).toEpochMilli()))
                .isEqualTo(new HighestBid(second(60), second(120), "C", 2_000, BOB, second(70)));
    }

    @Test
    void aTieGoesToTheBidThatReachedThePriceFirst() {
        stats.pipe(show.bid("A", BOB, 3_000, 10), show.bid("B", CAROL, 3_000, 20));

        assertThat(stats.latest().get("highest-bid:" + second(0).toEpochMilli()))
                .isEqualTo(new HighestBid(second(0), second(60), "A", 3_000, BOB, second(10)));
    }

    @Test
    void aLateBidCountsInItsMinuteWithinTheGraceAndNotAfter() {
        String firstMinute = "highest-bid:" + second(0).toEpochMilli();
        stats.pipe(show.bid("A", BOB, 1_000, 30), show.bid("B", BOB, 2_000, 62));

        stats.pipe(show.bid("C", CAROL, 4_000, 59));
        assertThat(stats.latest().get(firstMinute))
                .as("received 3 s after its minute ended: within the 5 s of grace")
                .isEqualTo(new HighestBid(second(0), second(60), "C", 4_000, CAROL, second(59)));

        stats.pipe(show.bid("B", CAROL, 2_100, 66), show.bid("A", CAROL, 9_000, 58));
        assertThat(stats.latest()).doesNotContainKey(firstMinute);
    }

    @Test
    void salesSumTheFinalPricesOfSoldAuctionsAndCountEveryOutcomePerSellerAndForTheShow() {
        stats.pipe(
                show.created("D", SAM, 3),
                show.created("E", KIM, 4),
                show.bid("A", BOB, 12_000, 10),
                show.bid("B", BOB, 3_000, 11),
                show.bid("C", CAROL, 5_050, 12),
                show.sold("A", BOB, 12_000, 40),
                show.ended("B", Outcome.RESERVE_NOT_MET, 41),
                show.sold("C", CAROL, 5_050, 42),
                show.ended("D", Outcome.CANCELLED, 43),
                show.ended("E", Outcome.UNSOLD, 44));

        Map<String, ShowStats> latest = stats.latest();

        // sam: A sold for 120.00, B below its reserve, D cancelled: sell-through 1 of 3.
        assertThat(latest.get("seller:u-sam"))
                .isEqualTo(new SellerSales(SAM, new Sales(3, 1, 0, 1, 1, 12_000), second(43)));
        // kim: C sold for 50.50, E without bids: sell-through 1 of 2.
        assertThat(latest.get("seller:u-kim"))
                .isEqualTo(new SellerSales(KIM, new Sales(2, 1, 1, 0, 0, 5_050), second(44)));
        assertThat(latest.get(ShowSales.KEY)).isEqualTo(new ShowSales(new Sales(5, 2, 1, 1, 1, 17_050), second(44)));
    }

    @Test
    void anEndingWhoseCreationWasNeverSeenCannotBeAttributedAndIsLeftOut() {
        stats.pipe(show.sold("Z", BOB, 9_900, 30));

        assertThat(stats.published()).isEmpty();
    }

    @Test
    void windowsFollowTheTimeOfTheEventsNotTheTimeOfTheRecords() {
        stats.pipeWithRecordTime(
                second(3_600),
                show.bid("A", BOB, 1_000, 5),
                show.bid("A", CAROL, 1_100, 15),
                show.bid("B", BOB, 5_000, 20),
                show.bid("A", BOB, 1_200, 25));

        Map<String, ShowStats> latest = stats.latest();

        assertThat(latest.get(HotAuctions.KEY))
                .isEqualTo(new HotAuctions(second(-30), second(30), List.of(bids("A", 3), bids("B", 1))));
        assertThat(latest).containsKey("highest-bid:" + second(0).toEpochMilli());
    }

    private static AuctionBids bids(String auctionId, long bids) {
        return new AuctionBids(auctionId, bids);
    }

    private static List<HotAuctions> hotRankings(List<ShowStats> published) {
        return published.stream()
                .filter(HotAuctions.class::isInstance)
                .map(HotAuctions.class::cast)
                .toList();
    }
}
