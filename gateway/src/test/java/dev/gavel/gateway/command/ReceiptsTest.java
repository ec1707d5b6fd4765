package dev.gavel.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.gateway.testing.MutableClock;
import dev.gavel.gateway.testing.Times;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptsTest {

    private final MutableClock clock = new MutableClock();
    private final Receipts receipts = new Receipts(clock);

    @Test
    void withNothingUnwrittenTheWatermarkIsNow() {
        assertThat(receipts.watermark()).isEqualTo(Times.NOW);
    }

    @Test
    void anUnwrittenCommandHoldsTheWatermarkAtItsReceipt() {
        Instant received = receipts.receive();
        clock.advance(Duration.ofMillis(150));

        assertThat(receipts.watermark()).isEqualTo(received);
    }

    @Test
    void theWatermarkMovesOnOnceTheCommandIsWritten() {
        Instant received = receipts.receive();
        clock.advance(Duration.ofMillis(150));

        receipts.settled(received);

        assertThat(receipts.watermark()).isEqualTo(Times.NOW.plusMillis(150));
    }

    @Test
    void theEarliestUnwrittenCommandHoldsTheWatermark() {
        Instant first = receipts.receive();
        clock.advance(Duration.ofMillis(10));
        Instant second = receipts.receive();
        clock.advance(Duration.ofMillis(10));

        receipts.settled(second);

        assertThat(receipts.watermark()).isEqualTo(first);
    }

    @Test
    void twoCommandsReceivedInTheSameMillisecondAreBothWaitedFor() {
        Instant first = receipts.receive();
        Instant second = receipts.receive();
        clock.advance(Duration.ofMillis(10));

        receipts.settled(first);

        assertThat(second).isEqualTo(first);
        assertThat(receipts.watermark()).isEqualTo(second);
    }

    @Test
    void aCommandReceivedAfterAWatermarkIsNeverBeforeIt() {
        Instant watermark = receipts.watermark();
        clock.advance(Duration.ofMillis(-5));

        assertThat(receipts.receive()).isAfterOrEqualTo(watermark);
    }
}
