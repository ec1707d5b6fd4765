package dev.gavel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest(name = "{0} cents are {1}")
    @CsvSource({
        "12345, 123.45",
        "15000, 150",
        "15050, 150.5",
        "5, 0.05",
        "1, 0.01",
        "0, 0",
        "100000000000, 1000000000",
        "-250, -2.5"
    })
    void centsBecomeMajorUnitsWithoutNeedlessDecimals(long cents, String decimal) {
        BigDecimal value = Money.toDecimal(cents);

        assertThat(value.toPlainString()).isEqualTo(decimal);
    }

    @ParameterizedTest(name = "{0} is {1} cents")
    @CsvSource({
        "150, 15000",
        "150.5, 15050",
        "150.05, 15005",
        "150.000, 15000",
        "0.01, 1",
        "1E+3, 100000",
        "1000000000, 100000000000"
    })
    void decimalAmountBecomesItsExactCents(String amount, long cents) {
        assertThat(Money.toCents(new BigDecimal(amount))).isEqualTo(cents);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.001", "150.055", "0.009", "1E-3"})
    void amountWithMoreThanTwoDecimalsIsRejectedRatherThanRounded(String amount) {
        assertThatThrownBy(() -> Money.toCents(new BigDecimal(amount))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void amountBeyondALongOfCentsIsRejected() {
        assertThatThrownBy(() -> Money.toCents(new BigDecimal("92233720368547758.08")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void conversionsAreExactInverses() {
        assertThat(LongStream.rangeClosed(-1_000, 100_000))
                .allSatisfy(cents ->
                        assertThat(Money.toCents(Money.toDecimal(cents))).isEqualTo(cents));
    }
}
