package dev.gavel.analytics.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionMode;
import dev.gavel.events.LotIds;
import dev.gavel.events.LotStatus;
import dev.gavel.events.LotView;
import dev.gavel.events.Outcome;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowStats.LiveShowSales;
import dev.gavel.events.ShowStats.Sales;
import dev.gavel.events.ShowStatus;
import dev.gavel.events.ShowView;
import dev.gavel.events.UserRef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sales of each seller's show, folded from its own events, against values computed by hand. */
class LiveShowSalesTest {

    private static final Instant T0 = Instant.parse("2030-05-01T19:00:00Z");
    private static final UserRef SAM = new UserRef("u-sam", "sam");
    private static final UserRef BOB = new UserRef("u-bob", "bob");

    @TempDir
    Path stateDir;

    private StatsDriver stats;

    @BeforeEach
    void startDriver() {
        stats = new StatsDriver(StatsSettings.defaults(), stateDir);
    }

    @AfterEach
    void closeDriver() {
        stats.close();
    }

    /** The events of one show, each with the next seq, one second apart. */
    private static final class Show {
        private final String id;
        private long seq;

        Show(String id) {
            this.id = id;
        }

        ShowEvent created() {
            ShowView view =
                    new ShowView(id, "Show " + id, SAM, ShowStatus.SCHEDULED, T0, T0, null, null, List.of(), null, 1);
            return new ShowEvent.ShowCreated(id, ++seq, at(), "c-" + seq, view);
        }

        ShowEvent lotAdded(int lotNo) {
            LotView lot = new LotView(
                    lotNo, "Lot", "", 1_000, null, false, LotStatus.SCHEDULED, 0, null, null, null, null, null);
            return new ShowEvent.LotAdded(id, ++seq, at(), "c-" + seq, lot);
        }

        ShowEvent started() {
            return new ShowEvent.ShowStarted(id, ++seq, at(), "c-" + seq);
        }

        ShowEvent lotStarted(int lotNo, int run) {
            return new ShowEvent.LotStarted(
                    id,
                    ++seq,
                    at(),
                    "c-" + seq,
                    lotNo,
                    LotIds.auctionId(id, lotNo, run),
                    run,
                    at().plusSeconds(30),
                    AuctionMode.STANDARD,
                    10_000,
                    0);
        }

        ShowEvent lotEnded(int lotNo, int run, Outcome outcome, Long priceCents) {
            return new ShowEvent.LotEnded(
                    id,
                    ++seq,
                    at(),
                    "c-" + seq,
                    lotNo,
                    LotIds.auctionId(id, lotNo, run),
                    outcome,
                    priceCents == null ? null : BOB,
                    priceCents);
        }

        private Instant at() {
            return T0.plusSeconds(seq);
        }
    }

    private LiveShowSales latestOf(String showId) {
        return (LiveShowSales) stats.latest().get(LiveShowSales.KEY_PREFIX + showId);
    }

    @Test
    void everyRunThatEndedCountsByOutcomeAndTheSoldOnesMakeTheGmv() {
        Show spring = new Show("spring");

        stats.pipe(
                spring.created(),
                spring.lotAdded(1),
                spring.lotAdded(2),
                spring.started(),
                spring.lotStarted(1, 1),
                spring.lotEnded(1, 1, Outcome.SOLD, 3_500L),
                spring.lotStarted(2, 1),
                spring.lotEnded(2, 1, Outcome.RESERVE_NOT_MET, null),
                spring.lotStarted(2, 2),
                spring.lotEnded(2, 2, Outcome.SOLD, 6_000L));

        LiveShowSales sales = latestOf("spring");
        assertThat(sales.lots()).isEqualTo(2);
        assertThat(sales.sales()).isEqualTo(new Sales(3, 2, 0, 1, 0, 9_500));
        assertThat(sales.status()).isEqualTo(ShowStatus.LIVE);
    }

    @Test
    void theHighestSaleIsKeptWithItsAuction() {
        Show spring = new Show("spring");

        stats.pipe(
                spring.created(),
                spring.lotAdded(1),
                spring.lotAdded(2),
                spring.started(),
                spring.lotStarted(1, 1),
                spring.lotEnded(1, 1, Outcome.SOLD, 6_000L),
                spring.lotStarted(2, 1),
                spring.lotEnded(2, 1, Outcome.SOLD, 2_000L));

        LiveShowSales sales = latestOf("spring");
        assertThat(sales.highestSaleCents()).isEqualTo(6_000);
        assertThat(sales.highestSaleAuctionId()).isEqualTo("spring_1_1");
    }

    @Test
    void twoShowsAreKeptApart() {
        Show spring = new Show("spring");
        Show autumn = new Show("autumn");

        stats.pipe(spring.created(), autumn.created(), spring.lotAdded(1), spring.started());
        stats.pipe(spring.lotStarted(1, 1), spring.lotEnded(1, 1, Outcome.SOLD, 1_500L));

        assertThat(latestOf("spring").sales().gmvCents()).isEqualTo(1_500);
        assertThat(latestOf("autumn")).isNull();
    }

    @Test
    void anEventReadAgainChangesNothing() {
        Show spring = new Show("spring");
        ShowEvent created = spring.created();
        ShowEvent added = spring.lotAdded(1);
        ShowEvent started = spring.started();
        ShowEvent lotStarted = spring.lotStarted(1, 1);
        ShowEvent sold = spring.lotEnded(1, 1, Outcome.SOLD, 1_500L);
        stats.pipe(created, added, started, lotStarted, sold);
        stats.published();

        stats.pipe(sold, created);

        assertThat(stats.published()).isEmpty();
    }
}
