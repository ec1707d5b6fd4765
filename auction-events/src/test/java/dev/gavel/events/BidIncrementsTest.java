package dev.gavel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.events.BidIncrements.Step;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BidIncrementsTest {

    @ParameterizedTest(name = "at {0} cents the increment is {1} cents")
    @CsvSource({
        "0, 5", "99, 5",
        "100, 100", "2999, 100",
        "3000, 200", "4999, 200",
        "5000, 300", "9999, 300",
        "10000, 500", "29999, 500",
        "30000, 1000", "99999, 1000",
        "100000, 2000", "199999, 2000",
        "200000, 5000", "100000000000, 5000"
    })
    void defaultTableAppliesTheIncrementOfEachBandFromItsFirstCent(long priceCents, long incrementCents) {
        assertThat(BidIncrements.DEFAULT.at(priceCents)).isEqualTo(incrementCents);
    }

    @Test
    void tableMustStartAtAPriceOfZero() {
        assertThatThrownBy(() -> new BidIncrements(List.of(new Step(100, 5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start at a price of 0");
    }

    @Test
    void tableMustNotBeEmpty() {
        assertThatThrownBy(() -> new BidIncrements(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start at a price of 0");
    }

    @Test
    void stepsMustRiseInPrice() {
        assertThatThrownBy(() -> new BidIncrements(List.of(new Step(0, 5), new Step(500, 10), new Step(500, 20))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increasing order")
                .hasMessageContaining("500 follows 500");
    }

    @Test
    void stepNeedsAPositiveIncrement() {
        assertThatThrownBy(() -> new Step(100, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increment > 0");
    }

    @Test
    void stepNeedsAPriceOfAtLeastZero() {
        assertThatThrownBy(() -> new Step(-1, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price >= 0");
    }

    @Test
    void singleStepTableAppliesEverywhere() {
        BidIncrements flat = new BidIncrements(List.of(new Step(0, 25)));

        assertThat(flat.at(0)).isEqualTo(25);
        assertThat(flat.at(1_000_000)).isEqualTo(25);
    }
}
