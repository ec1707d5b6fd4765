package dev.gavel.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.gavel.events.AuctionCommand.CreateAuction;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ValidationTest {

    /** A valid standard auction: 10.00 to start, one minute, no reserve, no buy-now. */
    private static CreateAuction auction(Consumer<Draft> change) {
        Draft draft = new Draft();
        change.accept(draft);
        return draft.build();
    }

    /** The fields of a create command, so that each case changes only the one it is about. */
    private static final class Draft {
        String title = "Leica M3";
        String description = "1958";
        long startingPriceCents = 1_000;
        long durationMs = 60_000;
        Long reservePriceCents;
        Long buyNowPriceCents;
        AuctionMode mode = AuctionMode.STANDARD;
        Long softCloseMs;
        Long maxExtensionMs;

        CreateAuction build() {
            return new CreateAuction(
                    "c-1",
                    "a-1",
                    Samples.CREATED,
                    Samples.ALICE,
                    title,
                    description,
                    startingPriceCents,
                    durationMs,
                    reservePriceCents,
                    buyNowPriceCents,
                    mode,
                    softCloseMs,
                    maxExtensionMs);
        }
    }

    private static Named<Consumer<Draft>> change(String name, Consumer<Draft> change) {
        return named(name, change);
    }

    static Stream<Arguments> outOfBounds() {
        long day = Duration.ofDays(1).toMillis();
        return Stream.of(
                Arguments.of(change("no title", d -> d.title = null), "title is required"),
                Arguments.of(change("blank title", d -> d.title = " \t"), "title is required"),
                Arguments.of(
                        change("201 characters", d -> d.title = "t".repeat(201)),
                        "title must be at most 200 characters"),
                Arguments.of(
                        change("5001 characters", d -> d.description = "d".repeat(5_001)),
                        "description must be at most 5000 characters"),
                Arguments.of(
                        change("price 0", d -> d.startingPriceCents = 0),
                        "startingPrice must be between 0.01 and 1000000000.00"),
                Arguments.of(
                        change("price above 1e9", d -> d.startingPriceCents = 100_000_000_001L),
                        "startingPrice must be between"),
                Arguments.of(change("4999 ms", d -> d.durationMs = 4_999), "durationMs must be between 5000"),
                Arguments.of(change("7 days and 1 ms", d -> d.durationMs = 7 * day + 1), "durationMs must be between"),
                Arguments.of(
                        change("reserve below start", d -> d.reservePriceCents = 999L),
                        "reservePrice must be at least startingPrice"),
                Arguments.of(change("reserve above 1e9", d -> d.reservePriceCents = 100_000_000_001L), "reservePrice"),
                Arguments.of(
                        change("buy-now at start", d -> d.buyNowPriceCents = 1_000L),
                        "buyNowPrice must be above startingPrice"),
                Arguments.of(change("buy-now above 1e9", d -> d.buyNowPriceCents = 100_000_000_001L), "buyNowPrice"),
                Arguments.of(
                        change("buy-now below reserve", d -> {
                            d.reservePriceCents = 5_000L;
                            d.buyNowPriceCents = 4_000L;
                        }),
                        "buyNowPrice must be at least reservePrice"),
                Arguments.of(
                        change("soft close in sudden death", d -> {
                            d.mode = AuctionMode.SUDDEN_DEATH;
                            d.softCloseMs = 5_000L;
                        }),
                        "softCloseMs does not apply to sudden-death"),
                Arguments.of(
                        change("soft close 999 ms", d -> d.softCloseMs = 999L),
                        "softCloseMs must be 0 (none) or between 1000 and 600000"),
                Arguments.of(change("soft close over 10 min", d -> d.softCloseMs = 600_001L), "softCloseMs must be 0"),
                Arguments.of(
                        change("negative cap", d -> d.maxExtensionMs = -1L), "maxExtensionMs must be between 0 and"),
                Arguments.of(change("cap over 7 days", d -> d.maxExtensionMs = 7 * day + 1), "maxExtensionMs"));
    }

    @ParameterizedTest
    @MethodSource("outOfBounds")
    void auctionOutsideABoundIsRefusedNamingIt(Consumer<Draft> change, String problem) {
        assertThat(Validation.problemWithAuction(auction(change))).startsWith(problem);
    }

    static Stream<Named<Consumer<Draft>>> atTheBounds() {
        long day = Duration.ofDays(1).toMillis();
        return Stream.of(
                change("as drafted", d -> {}),
                change("200 characters, counted as code points", d -> d.title = "\uD83D\uDCF7".repeat(200)),
                change("5000 characters", d -> d.description = "d".repeat(5_000)),
                change("no description", d -> d.description = null),
                change("price 0.01", d -> d.startingPriceCents = 1),
                change("price 1e9", d -> {
                    d.startingPriceCents = 100_000_000_000L;
                    d.buyNowPriceCents = null;
                }),
                change("5 s", d -> d.durationMs = 5_000),
                change("7 days", d -> d.durationMs = 7 * day),
                change("reserve at start", d -> d.reservePriceCents = 1_000L),
                change("buy-now a cent above start", d -> d.buyNowPriceCents = 1_001L),
                change("buy-now at reserve", d -> {
                    d.reservePriceCents = 5_000L;
                    d.buyNowPriceCents = 5_000L;
                }),
                change("no soft close in sudden death", d -> {
                    d.mode = AuctionMode.SUDDEN_DEATH;
                    d.softCloseMs = 0L;
                }),
                change("soft close 1 s", d -> d.softCloseMs = 1_000L),
                change("soft close 10 min", d -> d.softCloseMs = 600_000L),
                change("no mode", d -> d.mode = null),
                change("cap 0", d -> d.maxExtensionMs = 0L),
                change("cap 7 days", d -> d.maxExtensionMs = 7 * day));
    }

    @ParameterizedTest
    @MethodSource("atTheBounds")
    void auctionAtItsBoundsIsValid(Consumer<Draft> change) {
        assertThat(Validation.problemWithAuction(auction(change))).isNull();
    }

    @ParameterizedTest(name = "amount {0}, maximum {1}: {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "-, -, a bid needs an amount or a maxAmount",
                "0, -, amounts must be between 0.01 and 1000000000.00",
                "-, 0, amounts must be between",
                "-5, 100, amounts must be between",
                "100000000001, -, amounts must be between",
                "100, 100000000001, amounts must be between",
                "501, 500, amount must not be above maxAmount"
            })
    void invalidBidAmountsAreRefusedWithTheReason(Long amount, Long max, String problem) {
        assertThat(Validation.problemWithBid(amount, max)).startsWith(problem);
    }

    @ParameterizedTest(name = "amount {0}, maximum {1}")
    @CsvSource(
            nullValues = "-",
            value = {"1, -", "-, 1", "100000000000, -", "500, 500", "100, 500"})
    void bidAmountsWithinTheBoundsAreValid(Long amount, Long max) {
        assertThat(Validation.problemWithBid(amount, max)).isNull();
    }

    @ParameterizedTest(name = "{0} cents show as {1}")
    @CsvSource({"123450, 1234.50", "1, 0.01", "100, 1.00", "100000000000, 1000000000.00"})
    void amountsInMessagesAlwaysShowTwoDecimals(long cents, String shown) {
        assertThat(Validation.format(cents)).isEqualTo(shown);
    }

    @Test
    void firstProblemIsReported() {
        CreateAuction twoProblems = auction(d -> {
            d.title = null;
            d.startingPriceCents = 0;
        });

        assertThat(Validation.problemWithAuction(twoProblems)).isEqualTo("title is required");
    }
}
