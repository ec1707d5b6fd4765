package dev.gavel.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gavel.events.AuctionMode;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientMessageReaderTest {

    private final ClientMessageReader reader = new ClientMessageReader();

    /** The text of a message, written with single quotes for readability. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private ProtocolException refusal(String text) {
        return catchThrowableOfType(ProtocolException.class, () -> reader.read(text));
    }

    private ProtocolException restRefusal(String body, String type) {
        return catchThrowableOfType(ProtocolException.class, () -> reader.read(body, type));
    }

    @Nested
    class EveryMessageType {

        static Stream<Arguments> messages() {
            return Stream.of(
                    Arguments.of(
                            "{'type':'create-auction','requestId':'r-1','title':'Lamp','description':'Brass',"
                                    + "'startingPrice':10.5,'durationMs':60000,'reservePrice':20,'buyNowPrice':99.99,"
                                    + "'mode':'sudden-death','softCloseMs':0,'maxExtensionMs':120000}",
                            new ClientMessage.CreateAuction(
                                    "r-1",
                                    "Lamp",
                                    "Brass",
                                    new BigDecimal("10.5"),
                                    60_000L,
                                    new BigDecimal("20"),
                                    new BigDecimal("99.99"),
                                    AuctionMode.SUDDEN_DEATH,
                                    0L,
                                    120_000L)),
                    Arguments.of(
                            "{'type':'create-auction','title':'Lamp','startingPrice':1,'durationMs':5000}",
                            new ClientMessage.CreateAuction(
                                    null, "Lamp", null, BigDecimal.ONE, 5_000L, null, null, null, null, null)),
                    Arguments.of(
                            "{'type':'place-bid','requestId':'r-2','auctionId':'a-1','amount':12.25,"
                                    + "'maxAmount':30,'bidId':'b-1'}",
                            new ClientMessage.PlaceBid(
                                    "r-2", "a-1", new BigDecimal("12.25"), new BigDecimal("30"), "b-1")),
                    Arguments.of(
                            "{'type':'buy-now','requestId':'r-3','auctionId':'a-1'}",
                            new ClientMessage.BuyNow("r-3", "a-1")),
                    Arguments.of(
                            "{'type':'cancel-auction','requestId':'r-4','auctionId':'a-1'}",
                            new ClientMessage.CancelAuction("r-4", "a-1")),
                    Arguments.of(
                            "{'type':'subscribe','requestId':'r-5','auctionId':'a-1','lastSeq':7}",
                            new ClientMessage.Subscribe("r-5", "a-1", 7L, null)),
                    Arguments.of(
                            "{'type':'unsubscribe','requestId':'r-6','auctionId':'a-1'}",
                            new ClientMessage.Unsubscribe("r-6", "a-1")),
                    Arguments.of(
                            "{'type':'subscribe-lobby','requestId':'r-7'}", new ClientMessage.SubscribeLobby("r-7")),
                    Arguments.of(
                            "{'type':'unsubscribe-lobby','requestId':'r-8'}",
                            new ClientMessage.UnsubscribeLobby("r-8")),
                    Arguments.of("{'type':'ping','requestId':'r-9'}", new ClientMessage.Ping("r-9")),
                    Arguments.of("{'type':'ping'}", new ClientMessage.Ping(null)));
        }

        @ParameterizedTest
        @MethodSource("messages")
        void isReadWithEveryField(String text, ClientMessage expected) {
            assertThat(reader.read(json(text))).isEqualTo(expected);
        }

        @Test
        void amountsKeepEveryDigitTheClientWrote() {
            ClientMessage.PlaceBid bid =
                    (ClientMessage.PlaceBid) reader.read(json("{'type':'place-bid','auctionId':'a-1','amount':0.10}"));

            assertThat(bid.amount()).isEqualTo(new BigDecimal("0.10"));
        }
    }

    @Nested
    class StrictReading {

        static Stream<Arguments> refusals() {
            return Stream.of(
                    Arguments.of("unknown field", "{'type':'ping','admin':true}", "unknown field 'admin'"),
                    Arguments.of(
                            "a user field: identity comes from the token only",
                            "{'type':'place-bid','auctionId':'a-1','amount':5,'bidder':'u-sam'}",
                            "unknown field 'bidder'"),
                    Arguments.of(
                            "duplicate field",
                            "{'type':'place-bid','auctionId':'a-1','amount':5,'amount':500}",
                            "duplicate object property \"amount\""),
                    Arguments.of(
                            "duplicate type",
                            "{'type':'ping','type':'buy-now','auctionId':'a-1'}",
                            "duplicate object property \"type\""),
                    Arguments.of("missing type", "{'requestId':'r-1'}", "field 'type' is required"),
                    Arguments.of("unknown type", "{'type':'steal'}", "unknown type 'steal'"),
                    Arguments.of(
                            "string for a number",
                            "{'type':'place-bid','auctionId':'a-1','amount':'5'}",
                            "field 'amount' has the wrong type"),
                    Arguments.of(
                            "string for a whole number",
                            "{'type':'subscribe','auctionId':'a-1','lastSeq':'3'}",
                            "field 'lastSeq' has the wrong type"),
                    Arguments.of(
                            "float for a whole number",
                            "{'type':'subscribe','auctionId':'a-1','lastSeq':3.0}",
                            "field 'lastSeq' has the wrong type"),
                    Arguments.of(
                            "exponent for a whole number",
                            "{'type':'create-auction','title':'t','startingPrice':1,'durationMs':6e4}",
                            "field 'durationMs' has the wrong type"),
                    Arguments.of(
                            "boolean for a number",
                            "{'type':'place-bid','auctionId':'a-1','amount':true}",
                            "field 'amount' has the wrong type"),
                    Arguments.of(
                            "number for a string",
                            "{'type':'buy-now','auctionId':42}",
                            "field 'auctionId' has the wrong type"),
                    Arguments.of(
                            "decimal for a string",
                            "{'type':'buy-now','auctionId':1.5}",
                            "field 'auctionId' has the wrong type"),
                    Arguments.of(
                            "boolean for a string",
                            "{'type':'ping','requestId':true}",
                            "field 'requestId' has the wrong type"),
                    Arguments.of(
                            "object for a string",
                            "{'type':'ping','requestId':{}}",
                            "field 'requestId' has the wrong type"),
                    Arguments.of(
                            "number for a mode",
                            "{'type':'create-auction','title':'t','startingPrice':1,'durationMs':60000,'mode':1}",
                            "field 'mode' has the wrong type"),
                    Arguments.of(
                            "unknown mode",
                            "{'type':'create-auction','title':'t','startingPrice':1,'durationMs':60000,"
                                    + "'mode':'dutch'}",
                            "field 'mode' has the wrong type"),
                    Arguments.of("NaN", "{'type':'place-bid','auctionId':'a-1','amount':NaN}", "not valid JSON"),
                    Arguments.of(
                            "string NaN",
                            "{'type':'place-bid','auctionId':'a-1','amount':'NaN'}",
                            "field 'amount' has the wrong type"),
                    Arguments.of(
                            "Infinity", "{'type':'place-bid','auctionId':'a-1','amount':Infinity}", "not valid JSON"),
                    Arguments.of(
                            "a number longer than any amount",
                            "{'type':'place-bid','auctionId':'a-1','amount':1" + "0".repeat(50) + "}",
                            "too large"),
                    Arguments.of("trailing garbage", "{'type':'ping'} x", "not valid JSON"),
                    Arguments.of("a second message", "{'type':'ping'}{'type':'ping'}", "exactly one JSON object"),
                    Arguments.of("not JSON", "bid 5 on a-1", "not valid JSON"),
                    Arguments.of("cut off", "{'type':'ping'", "not valid JSON"),
                    Arguments.of("empty", "", "JSON object with a type"),
                    Arguments.of("null", "null", "a message must be a JSON object with a type"),
                    Arguments.of("an array", "[{'type':'ping'}]", "JSON object with a type"),
                    Arguments.of("a string", "'ping'", "field 'type' is required"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("refusals")
        void refusesWhatTheProtocolDoesNotDescribeAndSaysWhy(String rule, String text, String explanation) {
            ProtocolException refusal = refusal(json(text));

            assertThat(refusal).as(rule).isNotNull();
            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(refusal.getMessage()).containsIgnoringCase(explanation);
        }

        @Test
        void refusesNestingDeeperThanFourLevels() {
            // The type comes last, so the whole message is read before any field is judged.
            ProtocolException refusal = refusal(json("{'requestId':[[[[1]]]],'type':'ping'}"));

            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(refusal.getMessage()).contains("nests too deeply");
        }

        @Test
        void readsFourLevelsOfNestingBeforeJudgingTheFields() {
            ProtocolException refusal = refusal(json("{'requestId':[[[1]]],'type':'ping'}"));

            assertThat(refusal.getMessage()).isEqualTo("field 'requestId' has the wrong type");
        }
    }

    @Nested
    class RequestIdOfARefusedMessage {

        @Test
        void isEchoedSoThatTheClientCanMatchTheError() {
            ProtocolException refusal =
                    refusal(json("{'type':'place-bid','requestId':'r-42','auctionId':'a-1','amount':'5'}"));

            assertThat(refusal.requestId()).isEqualTo("r-42");
        }

        @Test
        void isEchoedForAnUnknownType() {
            assertThat(refusal(json("{'type':'steal','requestId':'r-42'}")).requestId())
                    .isEqualTo("r-42");
        }

        @Test
        void isNotEchoedWhenTheMessageIsNotJson() {
            assertThat(refusal(json("{'type':'ping','requestId':'r-42'")).requestId())
                    .isNull();
        }

        @Test
        void isNotEchoedWhenItIsNotAString() {
            assertThat(refusal(json("{'type':'steal','requestId':42}")).requestId())
                    .isNull();
        }

        @Test
        void isNotEchoedWhenItIsLongerThanSixtyFourCharacters() {
            String tooLong = "r".repeat(65);

            assertThat(refusal(json("{'type':'steal','requestId':'" + tooLong + "'}"))
                            .requestId())
                    .isNull();
        }

        @Test
        void isEchoedUpToSixtyFourCharacters() {
            String longest = "r".repeat(64);

            assertThat(refusal(json("{'type':'steal','requestId':'" + longest + "'}"))
                            .requestId())
                    .isEqualTo(longest);
        }
    }

    @Nested
    class RestBodies {

        @Test
        void areReadAsTheMessageTypeOfTheEndpoint() {
            ClientMessage message = reader.read(json("{'requestId':'r-1','amount':12.5,'bidId':'b-1'}"), "place-bid");

            assertThat(message).isEqualTo(new ClientMessage.PlaceBid("r-1", null, new BigDecimal("12.5"), null, "b-1"));
        }

        @Test
        void mayNotNameATypeOfTheirOwn() {
            ProtocolException refusal = restRefusal(json("{'type':'buy-now','amount':5}"), "place-bid");

            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(refusal.getMessage()).isEqualTo("unknown field 'type'");
        }

        static Stream<String> notObjects() {
            return Stream.of("[]", "'bid'", "5", "null");
        }

        @ParameterizedTest
        @MethodSource("notObjects")
        void mustBeJsonObjects(String body) {
            ProtocolException refusal = restRefusal(json(body), "place-bid");

            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(refusal.getMessage()).isEqualTo("the body must be a JSON object");
        }

        static Stream<Arguments> refusals() {
            return Stream.of(
                    Arguments.of("{'amount':5,'admin':true}", "unknown field 'admin'"),
                    Arguments.of("{'amount':5,'amount':500}", "duplicate object property \"amount\""),
                    Arguments.of("{'amount':'5'}", "field 'amount' has the wrong type"),
                    Arguments.of("{'amount':5} {}", "exactly one JSON object"),
                    Arguments.of("{'amount':[[[[5]]]]}", "nests too deeply"),
                    Arguments.of("{'amount':5", "not valid JSON"));
        }

        @ParameterizedTest
        @MethodSource("refusals")
        void areReadAsStrictlyAsWebSocketMessages(String body, String explanation) {
            ProtocolException refusal = restRefusal(json(body), "place-bid");

            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(refusal.getMessage()).containsIgnoringCase(explanation);
        }

        @Test
        void ofAnUnknownTypeAreRefused() {
            assertThat(restRefusal("{}", "steal").getMessage()).isEqualTo("unknown type 'steal'");
        }
    }
}
