package dev.gavel.loadgen.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void spacesOperationsByTheRateFromTheStartWithoutDrift() {
        Pacer pacer = new Pacer(1_000, 4);

        assertThat(pacer.intendedNanos(0)).isEqualTo(1_000);
        assertThat(pacer.intendedNanos(1)).isEqualTo(1_000 + 250_000_000);
        assertThat(pacer.intendedNanos(4_000_000)).isEqualTo(1_000 + 1_000_000_000_000_000L);
    }

    @Test
    void countsTheOperationsDueByATime() {
        Pacer pacer = new Pacer(0, 1_000);

        assertThat(pacer.dueBy(-1)).isZero();
        assertThat(pacer.dueBy(0)).isEqualTo(1);
        assertThat(pacer.dueBy(999_999)).isEqualTo(1);
        assertThat(pacer.dueBy(1_000_000)).isEqualTo(2);
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new Pacer(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
