package dev.gavel.gateway.command;

import static dev.gavel.gateway.testing.Requests.buyNow;
import static dev.gavel.gateway.testing.Requests.cancelAuction;
import static dev.gavel.gateway.testing.Requests.createAuction;
import static dev.gavel.gateway.testing.Requests.placeBid;
import static dev.gavel.gateway.testing.Users.BOB;
import static dev.gavel.gateway.testing.Users.CAROL;
import static dev.gavel.gateway.testing.Users.SAM_THE_SELLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.UserRef;
import dev.gavel.gateway.protocol.Amounts.InvalidAmountException;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.testing.Requests.CreateAuctionRequest;
import dev.gavel.gateway.testing.Times;
import java.time.Instant;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandFactoryTest {

    private static final String AUCTION = "a-1";

    private final CommandFactory factory = new CommandFactory();

    private AuctionCommand command(ClientMessage.Command request, UserRef user) {
        return factory.toCommand(request, user, Set.of(), Times.NOW);
    }

    private AuctionCommand.PlaceBid bid(ClientMessage.PlaceBid request) {
        return (AuctionCommand.PlaceBid) command(request, BOB);
    }

    private AuctionCommand.CreateAuction create(CreateAuctionRequest request) {
        return (AuctionCommand.CreateAuction) command(request.build(), SAM_THE_SELLER);
    }

    private ProtocolException refusal(ClientMessage.Command request) {
        return catchThrowableOfType(ProtocolException.class, () -> command(request, BOB));
    }

    @Nested
    class BidAmounts {

        @ParameterizedTest(name = "{0} is {1} cents")
        @CsvSource({
            "0.01, 1",
            "0.1, 10",
            "12.5, 1250",
            "12.50, 1250",
            "12.500, 1250",
            "7, 700",
            "1E+2, 10000",
            "1000000000.00, 100000000000"
        })
        void areConvertedToExactCents(String amount, long cents) {
            assertThat(bid(placeBid(AUCTION, amount)).amountCents()).isEqualTo(cents);
        }

        @Test
        void maxAmountIsConvertedToCentsToo() {
            AuctionCommand.PlaceBid bid = bid(placeBid(AUCTION, null, "25.75", null));

            assertThat(bid.amountCents()).isNull();
            assertThat(bid.maxAmountCents()).isEqualTo(2575);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "0             | amount must be positive",
                    "-5            | amount must be positive",
                    "-0.01         | amount must be positive",
                    "0.001         | amount must have at most 2 decimals",
                    "12.345        | amount must have at most 2 decimals",
                    "1000000000.01 | amount must be at most 1000000000.00",
                    "1E+12         | amount must be at most 1000000000.00"
                })
        void outOfBoundsAreRefusedAsInvalidAmounts(String amount, String message) {
            assertThatThrownBy(() -> bid(placeBid(AUCTION, amount)))
                    .isInstanceOf(InvalidAmountException.class)
                    .hasMessage(message);
        }

        @Test
        void outOfBoundsMaxAmountIsNamedInTheRefusal() {
            assertThatThrownBy(() -> bid(placeBid(AUCTION, "5", "0.005", null)))
                    .isInstanceOf(InvalidAmountException.class)
                    .hasMessage("maxAmount must have at most 2 decimals");
        }

        @Test
        void aBidNeedsAnAmountOrAMaxAmount() {
            assertThatThrownBy(() -> bid(placeBid(AUCTION, null, null, null)))
                    .isInstanceOf(InvalidAmountException.class)
                    .hasMessage("a bid needs an amount or a maxAmount");
        }

        @Test
        void theAmountMayNotExceedTheMaxAmount() {
            assertThatThrownBy(() -> bid(placeBid(AUCTION, "20", "19.99", null)))
                    .isInstanceOf(InvalidAmountException.class)
                    .hasMessage("amount must not be above maxAmount");
        }
    }

    @Nested
    class Bids {

        @Test
        void areStampedWithTheBidderAndTheAuction() {
            AuctionCommand.PlaceBid bid = bid(placeBid(AUCTION, "12"));

            assertThat(bid.bidder()).isEqualTo(BOB);
            assertThat(bid.auctionId()).isEqualTo(AUCTION);
            assertThat(bid.receivedAt()).isEqualTo(Times.NOW);
        }

        @Test
        void withoutABidIdGetANewCommandIdEachTime() {
            String first = bid(placeBid(AUCTION, "12")).commandId();
            String second = bid(placeBid(AUCTION, "12")).commandId();

            assertThat(first).isNotEqualTo(second);
        }

        @Test
        void withTheSameBidIdGetTheSameCommandIdSoThatARetryIsRecognised() {
            String first = bid(placeBid(AUCTION, "12", null, "b-1")).commandId();
            String retry = bid(placeBid(AUCTION, "12", null, "b-1")).commandId();

            assertThat(retry).isEqualTo(first);
        }

        @Test
        void withTheSameBidIdFromAnotherUserGetAnotherCommandId() {
            String bobs = command(placeBid(AUCTION, "12", null, "b-1"), BOB).commandId();
            String carols = command(placeBid(AUCTION, "12", null, "b-1"), CAROL).commandId();

            assertThat(carols).isNotEqualTo(bobs);
        }

        @Test
        void withTheSameBidIdOnAnotherAuctionGetAnotherCommandId() {
            String first = bid(placeBid("a-1", "12", null, "b-1")).commandId();
            String other = bid(placeBid("a-2", "12", null, "b-1")).commandId();

            assertThat(other).isNotEqualTo(first);
        }

        @Test
        void withAnotherBidIdGetAnotherCommandId() {
            String first = bid(placeBid(AUCTION, "12", null, "b-1")).commandId();
            String second = bid(placeBid(AUCTION, "12", null, "b-2")).commandId();

            assertThat(second).isNotEqualTo(first);
        }

        @Test
        void bidIdsCannotBeJoinedToCollideWithOtherAuctions() {
            String first = bid(placeBid("a-", "12", null, "bc")).commandId();
            String second = bid(placeBid("a-b", "12", null, "c")).commandId();

            assertThat(second).isNotEqualTo(first);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "has space", "semi;colon", "ünïcode"})
        void refuseMalformedBidIds(String bidId) {
            ProtocolException refusal = refusal(placeBid(AUCTION, "12", null, bidId));

            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(refusal.getMessage()).isEqualTo("bidId must be 1 to 64 letters, digits, '-' or '_'");
        }

        @Test
        void refuseBidIdsLongerThanSixtyFourCharacters() {
            assertThat(refusal(placeBid(AUCTION, "12", null, "b".repeat(65))).getMessage())
                    .startsWith("bidId must be 1 to 64");
        }

        @Test
        void acceptBidIdsOfSixtyFourCharacters() {
            assertThatCode(() -> bid(placeBid(AUCTION, "12", null, "b".repeat(64))))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class EveryCommand {

        private ClientMessage.Command onAuction(String type, String auctionId) {
            return switch (type) {
                case "place-bid" -> placeBid(auctionId, "12");
                case "buy-now" -> buyNow(auctionId);
                default -> cancelAuction(auctionId);
            };
        }

        @ParameterizedTest
        @ValueSource(strings = {"place-bid", "buy-now", "cancel-auction"})
        void needsAnAuctionId(String type) {
            ProtocolException refusal = refusal(onAuction(type, null));

            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(refusal.getMessage()).isEqualTo("auctionId is required");
        }

        static Stream<Arguments> malformedAuctionIds() {
            return Stream.of(
                    Arguments.of("place-bid", ""),
                    Arguments.of("place-bid", "a/../b"),
                    Arguments.of("buy-now", "a 1"),
                    Arguments.of("buy-now", "ä"),
                    Arguments.of("cancel-auction", "a.1"),
                    Arguments.of("cancel-auction", "a".repeat(65)));
        }

        @ParameterizedTest
        @MethodSource("malformedAuctionIds")
        void refusesMalformedAuctionIds(String type, String auctionId) {
            ProtocolException refusal = refusal(onAuction(type, auctionId));

            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(refusal.getMessage()).isEqualTo("auctionId must be 1 to 64 letters, digits, '-' or '_'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"place-bid", "buy-now", "cancel-auction"})
        void acceptsAuctionIdsOfSixtyFourCharacters(String type) {
            String longest = "A_z-9".repeat(12) + "abcd";

            assertThat(command(onAuction(type, longest), BOB).auctionId()).isEqualTo(longest);
        }

        @Test
        void refusesRequestIdsLongerThanSixtyFourCharacters() {
            ProtocolException refusal = refusal(new ClientMessage.BuyNow("r".repeat(65), AUCTION));

            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(refusal.getMessage()).isEqualTo("requestId must be at most 64 characters");
        }

        @Test
        void isStampedWithTheReceiptTimeTruncatedToMilliseconds() {
            Instant received = Instant.parse("2030-01-01T12:00:00.123456789Z");

            AuctionCommand command = factory.toCommand(buyNow(AUCTION), BOB, Set.of(), received);

            assertThat(command.receivedAt()).isEqualTo(Instant.parse("2030-01-01T12:00:00.123Z"));
        }

        @Test
        void buyNowIsIssuedByTheBuyer() {
            AuctionCommand.BuyNow buy = (AuctionCommand.BuyNow) command(buyNow(AUCTION), BOB);

            assertThat(buy.buyer()).isEqualTo(BOB);
            assertThat(buy.auctionId()).isEqualTo(AUCTION);
        }

        @Test
        void cancelIsIssuedByTheUserWhoAsks() {
            AuctionCommand.CancelAuction cancel =
                    (AuctionCommand.CancelAuction) command(cancelAuction(AUCTION), SAM_THE_SELLER);

            assertThat(cancel.seller()).isEqualTo(SAM_THE_SELLER);
        }

        @Test
        void getsAFreshCommandIdEachTime() {
            assertThat(command(buyNow(AUCTION), BOB).commandId())
                    .isNotEqualTo(command(buyNow(AUCTION), BOB).commandId());
        }
    }

    @Nested
    class Creations {

        @Test
        void carryTheAuctionInCentsWithTheSellerFromTheToken() {
            AuctionCommand.CreateAuction command = create(createAuction()
                    .startingPrice("10.50")
                    .reservePrice("20")
                    .buyNowPrice("99.99")
                    .mode(AuctionMode.STANDARD)
                    .softCloseMs(15_000L)
                    .maxExtensionMs(60_000L));

            assertThat(command.seller()).isEqualTo(SAM_THE_SELLER);
            assertThat(command.title()).isEqualTo("Lamp");
            assertThat(command.description()).isEqualTo("A brass lamp");
            assertThat(command.startingPriceCents()).isEqualTo(1050);
            assertThat(command.reservePriceCents()).isEqualTo(2000);
            assertThat(command.buyNowPriceCents()).isEqualTo(9999);
            assertThat(command.durationMs()).isEqualTo(300_000);
            assertThat(command.mode()).isEqualTo(AuctionMode.STANDARD);
            assertThat(command.softCloseMs()).isEqualTo(15_000);
            assertThat(command.maxExtensionMs()).isEqualTo(60_000);
        }

        @Test
        void getANewAuctionIdEachTime() {
            String first = create(createAuction()).auctionId();
            String second = create(createAuction()).auctionId();

            assertThat(first).isNotEqualTo(second);
        }

        @Test
        void leaveOptionalPricesUnset() {
            AuctionCommand.CreateAuction command = create(createAuction());

            assertThat(command.reservePriceCents()).isNull();
            assertThat(command.buyNowPriceCents()).isNull();
        }

        @Test
        void acceptTheLowestAndHighestStartingPrices() {
            assertThat(create(createAuction().startingPrice("0.01")).startingPriceCents())
                    .isEqualTo(1);
            assertThat(create(createAuction().startingPrice("1000000000.00")).startingPriceCents())
                    .isEqualTo(100_000_000_000L);
        }

        static Stream<Arguments> invalidAuctions() {
            return Stream.of(
                    invalid(r -> r.startingPrice(null), "startingPrice is required"),
                    invalid(r -> r.durationMs(null), "durationMs is required"),
                    invalid(r -> r.startingPrice("0"), "startingPrice must be positive"),
                    invalid(r -> r.startingPrice("-1"), "startingPrice must be positive"),
                    invalid(r -> r.startingPrice("0.001"), "startingPrice must have at most 2 decimals"),
                    invalid(r -> r.startingPrice("1000000000.01"), "startingPrice must be at most 1000000000.00"),
                    invalid(r -> r.reservePrice("-20"), "reservePrice must be positive"),
                    invalid(r -> r.reservePrice("20.005"), "reservePrice must have at most 2 decimals"),
                    invalid(r -> r.buyNowPrice("0"), "buyNowPrice must be positive"),
                    invalid(r -> r.title(null), "title is required"),
                    invalid(r -> r.title("   "), "title is required"),
                    invalid(r -> r.title("t".repeat(201)), "title must be at most 200 characters"),
                    invalid(r -> r.description("d".repeat(5_001)), "description must be at most 5000 characters"),
                    invalid(r -> r.durationMs(4_999L), "durationMs must be between 5000"),
                    invalid(r -> r.durationMs(604_800_001L), "durationMs must be between 5000"),
                    invalid(r -> r.reservePrice("9.99"), "reservePrice must be at least startingPrice"),
                    invalid(r -> r.buyNowPrice("10"), "buyNowPrice must be above startingPrice"),
                    invalid(r -> r.reservePrice("50").buyNowPrice("40"), "buyNowPrice must be at least reservePrice"),
                    invalid(
                            r -> r.mode(AuctionMode.SUDDEN_DEATH).softCloseMs(5_000L),
                            "softCloseMs does not apply to sudden-death auctions"),
                    invalid(r -> r.softCloseMs(999L), "softCloseMs must be 0 (none) or between 1000 and 600000"),
                    invalid(r -> r.maxExtensionMs(-1L), "maxExtensionMs must be between 0 and 604800000"));
        }

        private static Arguments invalid(UnaryOperator<CreateAuctionRequest> change, String message) {
            return Arguments.of(message, change);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidAuctions")
        void areRefusedAsInvalidAuctionsNamingTheField(String message, UnaryOperator<CreateAuctionRequest> change) {
            ProtocolException refusal =
                    catchThrowableOfType(ProtocolException.class, () -> create(change.apply(createAuction())));

            assertThat(refusal).isNotNull();
            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_AUCTION);
            assertThat(refusal.getMessage()).startsWith(message);
        }
    }
}
