package dev.gavel.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayWatermarksTest {

    private static final long START = 1_000_000;
    private static final long WARM = START + 1_500;
    private static final long END = START + 60_000;

    private final GatewayWatermarks watermarks =
            new GatewayWatermarks(Duration.ofMillis(250), Duration.ofMillis(1_500), START);

    @Test
    void aCloseIsDueAtTheWatermarkOfTheSlowestLiveGateway() {
        watermarks.heard("a", END + 7, END + 10);
        watermarks.heard("b", END + 3, END + 10);

        assertThat(watermarks.closeTime(END, END + 10)).hasValue(END + 3);
    }

    @Test
    void aCloseWaitsWhileOneLiveGatewayHasNotPassedTheEnd() {
        watermarks.heard("a", END + 7, END + 10);
        watermarks.heard("b", END - 2, END + 10);

        assertThat(watermarks.closeTime(END, END + 10)).isEmpty();
    }

    @Test
    void aGatewayThatWentSilentIsNoLongerWaitedForAfterTheTimeout() {
        watermarks.heard("b", END - 1_000, END - 1_000);
        watermarks.heard("a", END + 600, END + 600);

        assertThat(watermarks.closeTime(END, END + 499)).isEmpty();
        assertThat(watermarks.closeTime(END, END + 501)).hasValue(END + 600);
    }

    @Test
    void withNoGatewayKnownTheCloseWaitsTheGrace() {
        assertThat(watermarks.closeTime(END, END + 249)).isEmpty();
        assertThat(watermarks.closeTime(END, END + 250)).hasValue(END + 250);
    }

    @Test
    void aLaggingGatewayIsWaitedForNoLongerThanTheTimeoutAfterTheEnd() {
        watermarks.heard("a", END - 5, END + 1_499);

        assertThat(watermarks.closeTime(END, END + 1_499)).isEmpty();
        assertThat(watermarks.closeTime(END, END + 1_500)).hasValue(END + 1_500);
    }

    @Test
    void justAfterStartingWatermarksCloseNothingEarly() {
        long end = START + 500;
        watermarks.heard("a", end + 10, end + 10);

        assertThat(watermarks.closeTime(end, end + 10)).isEmpty();
        assertThat(watermarks.closeTime(end, WARM)).hasValue(end + 10);
    }

    @Test
    void aWatermarkNeverGoesBack() {
        watermarks.heard("a", END + 20, END + 20);
        watermarks.heard("a", END + 5, END + 25);

        assertThat(watermarks.closeTime(END + 20, END + 25)).hasValue(END + 20);
    }

    @Test
    void theHorizonIsTheSlowestLiveWatermarkOrNow() {
        assertThat(watermarks.horizon(END)).isEqualTo(END);

        watermarks.heard("a", END + 9, END);
        watermarks.heard("b", END + 4, END);

        assertThat(watermarks.horizon(END)).isEqualTo(END + 4);
    }
}
