package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Commands.AUCTION_ID;
import static dev.gavel.processor.fixtures.Commands.DURING;
import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.create;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.Topics;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Records the processor cannot read are parked on the dead-letter topic with the reason, and the log goes on. */
class DeadLetterTopologyTest {

    private static final byte[] TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(UTF_8);

    private final EngineDriver engine = EngineDriver.live(T0);

    @AfterEach
    void closeDriver() {
        engine.close();
    }

    /** A record as it sits in the command log, and what its error header must mention. */
    record Poison(String key, byte[] value, String reason) {}

    static Stream<Named<Poison>> poisons() {
        return Stream.of(
                named("not JSON", new Poison(AUCTION_ID, "bid 150 on the camera".getBytes(UTF_8), "cannot read")),
                named("empty value", new Poison(AUCTION_ID, new byte[0], "cannot read")),
                named("tombstone", new Poison(AUCTION_ID, null, "empty command")),
                named(
                        "unknown type",
                        new Poison(AUCTION_ID, bidJson(json -> json.put("type", "steal-item")), "cannot read")),
                named("no type", new Poison(AUCTION_ID, bidJson(json -> json.remove("type")), "cannot read")),
                named("no command id", new Poison(AUCTION_ID, bidJson(json -> json.remove("commandId")), "commandId")),
                named("no auction id", new Poison(AUCTION_ID, bidJson(json -> json.remove("auctionId")), "auctionId")),
                named(
                        "no receipt time",
                        new Poison(AUCTION_ID, bidJson(json -> json.remove("receivedAt")), "receivedAt")),
                named("no bidder", new Poison(AUCTION_ID, bidJson(json -> json.remove("bidder")), "bidder")),
                named(
                        "key is not the auction id",
                        new Poison("auction-2", bidJson(json -> {}), "record key 'auction-2'")),
                named(
                        "auction id with a separator",
                        new Poison(
                                "auction/1",
                                bidJson(json -> json.put("auctionId", "auction/1")),
                                "invalid auctionId")));
    }

    /** A valid bid on the default auction as JSON, changed by {@code change}. */
    private static byte[] bidJson(Consumer<ObjectNode> change) {
        AuctionCommand bid = bid().id("bid-1").amount("12.00").at(DURING).build();
        ObjectNode json =
                (ObjectNode) JsonSerde.MAPPER.readTree(JsonSerde.commands().serialize("any", bid));
        change.accept(json);
        return JsonSerde.MAPPER.writeValueAsBytes(json);
    }

    @ParameterizedTest
    @MethodSource("poisons")
    void unreadableRecordIsDeadLetteredAsItWasWithTheReason(Poison poison) {
        engine.send(create());
        engine.skipOutputs();

        engine.sendRaw(poison.key(), poison.value(), DURING);

        TestRecord<String, byte[]> letter = engine.deadLetters().get(0);
        assertThat(letter.key()).isEqualTo(poison.key());
        assertThat(letter.value()).isEqualTo(poison.value());
        assertThat(header(letter, Topics.ERROR_HEADER)).contains(poison.reason());
        assertThat(header(letter, Topics.SOURCE_HEADER)).isEqualTo(Topics.AUCTION_COMMANDS + "-0@1");
        assertThat(engine.events()).isEmpty();
        assertThat(engine.notices()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("poisons")
    void processingGoesOnAfterAPoisonRecord(Poison poison) {
        engine.sendRaw(poison.key(), poison.value(), DURING);

        engine.send(create());
        engine.send(bid().amount("12.00"));

        assertThat(engine.events()).hasExactlyElementsOfTypes(AuctionCreated.class, BidPlaced.class);
    }

    @Test
    void deadLetterKeepsTheRecordsHeadersAndTimestamp() {
        engine.sendRaw(AUCTION_ID, "{".getBytes(UTF_8), DURING, new RecordHeader("traceparent", TRACE));

        TestRecord<String, byte[]> letter = engine.deadLetters().get(0);

        assertThat(letter.headers().lastHeader("traceparent").value()).isEqualTo(TRACE);
        assertThat(letter.timestamp()).isEqualTo(DURING.toEpochMilli());
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), UTF_8);
    }
}
