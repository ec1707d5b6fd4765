package dev.gavel.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class JsonSerdeTest {

    private static final String TOPIC = "any-topic";

    /** Every message of the contract with the serde of its topic and its {@code type} name on the wire. */
    static Stream<Arguments> messages() {
        List<String> commandTypes = List.of(
                "create-auction",
                "place-bid",
                "buy-now",
                "cancel-auction",
                "moderate-auction",
                "close-auction",
                "expire-auction",
                "gateway-watermark");
        List<String> eventTypes = List.of("auction-created", "bid-placed", "auction-extended", "auction-ended");
        List<String> noticeTypes = List.of("command-rejected", "command-confirmed");
        return Stream.of(
                        typed(Samples.commands(), JsonSerde.commands(), commandTypes),
                        typed(Samples.events(), JsonSerde.events(), eventTypes),
                        typed(Samples.notices(), JsonSerde.notices(), noticeTypes))
                .flatMap(Function.identity());
    }

    private static Stream<Arguments> typed(List<?> messages, JsonSerde<?> serde, List<String> types) {
        assertThat(messages).hasSameSizeAs(types);
        return IntStream.range(0, messages.size())
                .mapToObj(i -> Arguments.of(
                        named(messages.get(i).getClass().getSimpleName(), messages.get(i)), serde, types.get(i)));
    }

    /** The messages above and the snapshot, which has no type of its own. */
    static Stream<Arguments> everyMessage() {
        return Stream.concat(
                messages()
                        .map(arguments ->
                                Arguments.of(arguments.get()[0], arguments.get()[1])),
                Stream.of(Arguments.of(named("AuctionView", Samples.openView()), JsonSerde.views())));
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] write(JsonSerde<T> serde, Object message) {
        return serde.serialize(TOPIC, (T) message);
    }

    private static JsonNode tree(JsonSerde<?> serde, Object message) {
        return JsonSerde.MAPPER.readTree(write(serde, message));
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageReadsBackEqualToWhatWasWritten(Object message, JsonSerde<?> serde) {
        Object read = serde.deserialize(TOPIC, write(serde, message));

        assertThat(read).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageNamesItsTypeOnTheWire(Object message, JsonSerde<?> serde, String type) {
        assertThat(tree(serde, message).get("type").asString()).isEqualTo(type);
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void readersIgnoreFieldsTheyDoNotKnow(Object message, JsonSerde<?> serde) {
        ObjectNode json = (ObjectNode) tree(serde, message);
        json.put("addedLater", "by a newer producer");
        json.putObject("nestedAddition").put("depth", 2);

        Object read = serde.deserialize(TOPIC, JsonSerde.MAPPER.writeValueAsBytes(json));

        assertThat(read).isEqualTo(message);
    }

    @Test
    void timesAreEpochMillisecondNumbers() {
        JsonNode json = tree(JsonSerde.events(), Samples.bidPlaced(2));

        assertThat(json.get("at").isIntegralNumber()).isTrue();
        assertThat(json.get("at").asLong()).isEqualTo(Samples.BID_AT.toEpochMilli());
        assertThat(json.get("endsAt").asLong())
                .isEqualTo(Samples.ENDS.plusSeconds(5).toEpochMilli());
    }

    @Test
    void snapshotTimesAreEpochMillisecondNumbers() {
        JsonNode json = tree(JsonSerde.views(), Samples.openView());

        assertThat(json.get("createdAt").isIntegralNumber()).isTrue();
        assertThat(json.get("createdAt").asLong()).isEqualTo(Samples.CREATED.toEpochMilli());
    }

    @Test
    void amountsAreIntegerCents() {
        JsonNode json = tree(JsonSerde.commands(), Samples.placeBid());

        assertThat(json.get("amountCents").isIntegralNumber()).isTrue();
        assertThat(json.get("amountCents").asLong()).isEqualTo(15_005);
        assertThat(json.get("maxAmountCents").asLong()).isEqualTo(25_000);
    }

    @Test
    void modeIsWrittenByItsWireName() {
        JsonNode json = tree(JsonSerde.commands(), Samples.createAuction());

        assertThat(json.get("mode").asString()).isEqualTo("sudden-death");
    }

    @Test
    void commandWithoutOptionalFieldsIsReadWithThemAbsent() {
        String json = "{\"type\":\"place-bid\",\"commandId\":\"c-1\",\"auctionId\":\"a-1\",\"receivedAt\":1000,"
                + "\"bidder\":{\"id\":\"u-1\",\"name\":\"Bob\"},\"amountCents\":150}";

        AuctionCommand read = JsonSerde.commands().deserialize(TOPIC, json.getBytes(UTF_8));

        assertThat(read).isInstanceOfSatisfying(AuctionCommand.PlaceBid.class, bid -> {
            assertThat(bid.amountCents()).isEqualTo(150);
            assertThat(bid.maxAmountCents()).isNull();
        });
    }

    static Stream<Arguments> undecodableCommands() {
        return Stream.of(
                undecodable("not JSON", "bid 150 on the camera".getBytes(UTF_8)),
                undecodable("truncated JSON", "{\"type\":\"place-bid\"".getBytes(UTF_8)),
                undecodable("empty", new byte[0]),
                undecodable("an array", "[]".getBytes(UTF_8)),
                undecodable("unknown type", bidJson(json -> json.put("type", "steal-item"))),
                undecodable("no type", bidJson(json -> json.remove("type"))),
                undecodable("no command id", bidJson(json -> json.remove("commandId"))),
                undecodable("no auction id", bidJson(json -> json.remove("auctionId"))),
                undecodable("no receipt time", bidJson(json -> json.remove("receivedAt"))),
                undecodable("no bidder", bidJson(json -> json.remove("bidder"))),
                undecodable("bidder without id", bidJson(json -> ((ObjectNode) json.get("bidder")).remove("id"))),
                undecodable("amount that is not a number", bidJson(json -> json.put("amountCents", "lots"))),
                undecodable("fraction of a cent", bidJson(json -> json.put("amountCents", 150.5))));
    }

    private static Arguments undecodable(String name, byte[] bytes) {
        return Arguments.of(named(name, bytes));
    }

    private static byte[] bidJson(Consumer<ObjectNode> change) {
        ObjectNode json = (ObjectNode) tree(JsonSerde.commands(), Samples.placeBid());
        change.accept(json);
        return JsonSerde.MAPPER.writeValueAsBytes(json);
    }

    @ParameterizedTest
    @MethodSource("undecodableCommands")
    void undecodableCommandIsASerializationExceptionNamingTheTopic(byte[] bytes) {
        assertThatThrownBy(() -> JsonSerde.commands().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("cannot read AuctionCommand from " + TOPIC);
    }

    @Test
    void eventCreatingAnAuctionWithoutItsSnapshotIsUndecodable() {
        String json = "{\"type\":\"auction-created\",\"auctionId\":\"a-1\",\"seq\":1,\"at\":1000,\"commandId\":\"c\"}";

        assertThatThrownBy(() -> JsonSerde.events().deserialize(TOPIC, json.getBytes(UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(JsonSerde.views().serialize(TOPIC, null)).isNull();
        assertThat(JsonSerde.views().deserialize(TOPIC, null)).isNull();
    }
}
