package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Users.ALICE;
import static dev.gavel.processor.fixtures.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.events.AuctionMode;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.UserRef;
import dev.gavel.processor.auction.Auction;
import dev.gavel.processor.auction.Auction.Leader;
import dev.gavel.processor.auction.ProcessedCommand;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The processor's store values: read back exactly as written, and still read when written as JSON by older versions. */
class StoreSerdesTest {

    private static final Instant CREATED = Instant.parse("2030-03-01T18:00:00Z");
    private static final Instant ENDS = CREATED.plusSeconds(60);

    private final Serde<Auction> auctions = StoreSerdes.auctions();
    private final Serde<ProcessedCommand> processed = StoreSerdes.processedCommands();

    @Test
    void openAuctionWithoutOptionalFieldsReadsBackEqual() {
        Auction open = new Auction(
                "a-1",
                "Vintage camera",
                null,
                ALICE,
                AuctionMode.STANDARD,
                1_000,
                null,
                null,
                10_000,
                null,
                CREATED,
                ENDS,
                ENDS,
                AuctionStatus.OPEN,
                null,
                null,
                0,
                1,
                null,
                null,
                null,
                null,
                List.of());

        assertThat(roundTrip(auctions, open)).isEqualTo(open);
    }

    @Test
    void endedAuctionWithEveryFieldReadsBackEqual() {
        assertThat(roundTrip(auctions, soldAuction())).isEqualTo(soldAuction());
    }

    @Test
    void auctionWrittenAsJsonByAnEarlierVersionIsStillRead() {
        byte[] json = JsonSerde.of(Auction.class).serialize("store", soldAuction());

        assertThat(auctions.deserializer().deserialize("store", json)).isEqualTo(soldAuction());
    }

    @Test
    void binaryAuctionIsLessThanHalfItsJson() {
        int binary = auctions.serializer().serialize("store", soldAuction()).length;
        int json = JsonSerde.of(Auction.class).serialize("store", soldAuction()).length;

        assertThat(binary).isLessThan(json / 2);
    }

    @Property(tries = 300)
    void anyAuctionReadsBackEqual(
            @ForAll @StringLength(max = 200) String title,
            @ForAll @WithNull @StringLength(max = 5_000) String description,
            @ForAll @StringLength(min = 1, max = 40) String userId,
            @ForAll @StringLength(max = 40) String userName,
            @ForAll AuctionMode mode,
            @ForAll AuctionStatus status,
            @ForAll long startingPrice,
            @ForAll @WithNull Long reserve,
            @ForAll @WithNull Long maxExtension,
            @ForAll @WithNull Long leaderMax,
            @ForAll @WithNull Outcome outcome,
            @ForAll @LongRange(min = -31_556_889_864L, max = 31_556_889_864L) long endsAtSecond,
            @ForAll @IntRange(max = 999_999_999) int endsAtNano,
            @ForAll int bidCount,
            @ForAll long seq) {
        UserRef user = new UserRef(userId, userName);
        Instant endsAt = Instant.ofEpochSecond(endsAtSecond, endsAtNano);
        Auction auction = new Auction(
                "a-" + seq,
                title,
                description,
                user,
                mode,
                startingPrice,
                reserve,
                reserve,
                startingPrice,
                maxExtension,
                endsAt,
                endsAt,
                endsAt,
                status,
                leaderMax,
                leaderMax == null ? null : new Leader(user, leaderMax),
                bidCount,
                seq,
                outcome,
                outcome == null ? null : user,
                leaderMax,
                outcome == null ? null : endsAt,
                leaderMax == null ? List.of() : List.of(userName));

        assertThat(roundTrip(auctions, auction)).isEqualTo(auction);
    }

    @Test
    void rememberedRejectionReadsBackEqual() {
        ProcessedCommand rejection = new ProcessedCommand(
                "[\"place-bid\",\"u-bob\",1000,null]",
                new CommandRejected(
                        "bid-1",
                        "a-1",
                        "place-bid",
                        BOB,
                        CREATED,
                        RejectionReason.BID_TOO_LOW,
                        "the minimum bid is 12.00",
                        1_200L));

        assertThat(roundTrip(processed, rejection)).isEqualTo(rejection);
    }

    @Test
    void rememberedConfirmationReadsBackEqual() {
        ProcessedCommand confirmation = new ProcessedCommand(
                "[\"place-bid\",\"u-bob\",null,5000]",
                new CommandConfirmed("bid-2", "a-1", "place-bid", BOB, CREATED, null, 5_000L, 1_200L, true, false, 7L));

        assertThat(roundTrip(processed, confirmation)).isEqualTo(confirmation);
    }

    @Test
    void rememberedCommandWrittenAsJsonByAnEarlierVersionIsStillRead() {
        ProcessedCommand confirmation = new ProcessedCommand(
                "[\"buy-now\",\"u-bob\"]",
                new CommandConfirmed("buy-1", "a-1", "buy-now", BOB, CREATED, null, null, 2_000L, true, false, 2L));
        byte[] json = JsonSerde.of(ProcessedCommand.class).serialize("store", confirmation);

        assertThat(processed.deserializer().deserialize("store", json)).isEqualTo(confirmation);
    }

    @Test
    void valueOfAnUnknownFormatIsRefused() {
        byte[] value = auctions.serializer().serialize("store", soldAuction());
        value[0] = 9;

        assertThatThrownBy(() -> auctions.deserializer().deserialize("store", value))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format 9");
    }

    @Test
    void auctionInTheFirstBinaryFormatIsReadWithNoRemovedBidders() {
        Auction none = soldAuction(List.of());
        byte[] current = auctions.serializer().serialize("store", none);
        // Format 1 is format 2 without the trailing count of removed bidders.
        byte[] first = Arrays.copyOf(current, current.length - Integer.BYTES);
        first[0] = StoreSerdes.FORMAT_1;

        assertThat(auctions.deserializer().deserialize("store", first)).isEqualTo(none);
    }

    @Test
    void truncatedValueIsRefused() {
        byte[] value = auctions.serializer().serialize("store", soldAuction());

        assertThatThrownBy(() -> auctions.deserializer().deserialize("store", Arrays.copyOf(value, value.length - 3)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void valueWithTrailingBytesIsRefused() {
        byte[] value = auctions.serializer().serialize("store", soldAuction());

        assertThatThrownBy(() -> auctions.deserializer().deserialize("store", Arrays.copyOf(value, value.length + 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("left over");
    }

    private static Auction soldAuction() {
        return soldAuction(List.of("u-carol", "u-dave"));
    }

    private static Auction soldAuction(List<String> removedBidders) {
        return new Auction(
                "a-2",
                "Signed record, 1972 \"first press\" \u2014 \uD83C\uDFB5",
                "Line one\nline two",
                ALICE,
                AuctionMode.SUDDEN_DEATH,
                1_000,
                5_000L,
                20_000L,
                0,
                30_000L,
                CREATED,
                ENDS,
                ENDS.plusSeconds(10),
                AuctionStatus.ENDED,
                6_000L,
                new Leader(BOB, 9_000L),
                4,
                6,
                Outcome.SOLD,
                BOB,
                6_000L,
                ENDS.plusMillis(10_250),
                removedBidders);
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("store", serde.serializer().serialize("store", value));
    }
}
