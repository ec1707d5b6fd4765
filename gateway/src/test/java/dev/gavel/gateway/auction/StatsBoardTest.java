package dev.gavel.gateway.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.ShowStats;
import dev.gavel.events.ShowStatus;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.testing.ManualScheduler;
import dev.gavel.gateway.testing.Times;
import dev.gavel.gateway.testing.Users;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatsBoardTest {

    private final FrameWriter frames = new FrameWriter(Times.fixedClock());
    private final StatsBoard board = new StatsBoard(
            new AuctionDirectory(frames, 16, Duration.ZERO, Integer.MAX_VALUE, new ManualScheduler()), frames);

    @Test
    void theSalesOfOneSellersShowAreNotTheLobbysAndChangeNothing() {
        board.apply(new ShowStats.LiveShowSales(
                "spring",
                "Spring drop",
                Users.SAM_THE_SELLER,
                ShowStatus.LIVE,
                2,
                ShowStats.Sales.NONE,
                null,
                null,
                3,
                Times.NOW));

        assertThat(board.forNewcomer()).isEmpty();
    }
}
