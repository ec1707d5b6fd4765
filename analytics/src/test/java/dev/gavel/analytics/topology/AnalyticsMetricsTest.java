package dev.gavel.analytics.topology;

import static dev.gavel.analytics.topology.Show.BOB;
import static dev.gavel.analytics.topology.Show.SAM;
import static dev.gavel.analytics.topology.Show.second;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.ShowStats;
import dev.gavel.events.ShowStats.HighestBid;
import dev.gavel.events.ShowStats.HotAuctions;
import dev.gavel.events.ShowStats.SellerSales;
import dev.gavel.events.ShowStats.ShowSales;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analytics count the events they read, how late they read them, and the statistics they publish by kind. */
class AnalyticsMetricsTest {

    /** The wall clock stands 3 s after the last event of the show below. */
    private static final Clock WALL_CLOCK = Clock.fixed(second(33), ZoneOffset.UTC);

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Show show = new Show();
    private StatsDriver stats;

    @BeforeEach
    void startDriver() {
        stats = new StatsDriver(StatsSettings.defaults(), stateDir, new AnalyticsMetrics(meters, WALL_CLOCK));
    }

    @AfterEach
    void closeDriver() {
        stats.close();
    }

    @Test
    void eventsAreCountedByTypeWithHowFarBehindTheWallClockTheyWereRead() {
        stats.pipe(show.created("A", SAM, 0), show.bid("A", BOB, 1_000, 10), show.sold("A", BOB, 1_000, 30));

        assertThat(counter(AnalyticsMetrics.EVENTS, "type", "auction-created")).isEqualTo(1);
        assertThat(counter(AnalyticsMetrics.EVENTS, "type", "bid-placed")).isEqualTo(1);
        assertThat(counter(AnalyticsMetrics.EVENTS, "type", "auction-ended")).isEqualTo(1);
        Timer lag = meters.get(AnalyticsMetrics.EVENT_LAG).timer();
        assertThat(lag.count()).isEqualTo(3);
        assertThat(lag.max(TimeUnit.SECONDS)).isEqualTo(33);
        assertThat(lag.totalTime(TimeUnit.SECONDS)).isEqualTo(33 + 23 + 3);
    }

    @Test
    void publishedStatisticsAreCountedByKind() {
        stats.pipe(show.created("A", SAM, 0), show.bid("A", BOB, 1_000, 10), show.sold("A", BOB, 1_000, 30));

        List<ShowStats> published = stats.published();

        Map<String, Class<? extends ShowStats>> kinds = Map.of(
                "hot-auctions", HotAuctions.class,
                "highest-bid", HighestBid.class,
                "seller-sales", SellerSales.class,
                "show-sales", ShowSales.class);
        kinds.forEach((kind, type) -> {
            long written = published.stream().filter(type::isInstance).count();
            assertThat(written).as(kind).isPositive();
            assertThat(counter(AnalyticsMetrics.PUBLISHED, "kind", kind))
                    .as(kind)
                    .isEqualTo(written);
        });
    }

    private double counter(String name, String tag, String value) {
        Counter counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
