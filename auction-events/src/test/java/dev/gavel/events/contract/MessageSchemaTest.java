package dev.gavel.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.Fixtures;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowNotice;
import dev.gavel.events.ShowStats;
import dev.gavel.events.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every record type the services write, as the serde writes it, matches the schema of its topic. */
class MessageSchemaTest {

    private static final ContractSchemas SCHEMAS = ContractSchemas.current();

    private static final Map<String, List<?>> FIXTURES_OF_TOPIC = Map.ofEntries(
            Map.entry(Topics.AUCTION_COMMANDS, Fixtures.commands()),
            Map.entry(Topics.AUCTION_EVENTS, Fixtures.events()),
            Map.entry(Topics.BID_REJECTIONS, Fixtures.notices()),
            Map.entry(Topics.AUCTION_STATE, Fixtures.views()),
            Map.entry(Topics.SHOW_STATS, Fixtures.stats()),
            Map.entry(Topics.SHOW_COMMANDS, Fixtures.showCommands()),
            Map.entry(Topics.SHOW_EVENTS, Fixtures.showEvents()),
            Map.entry(Topics.SHOW_NOTICES, Fixtures.showNotices()),
            Map.entry(Topics.SHOW_STATE, Fixtures.showViews()),
            Map.entry(Topics.SHOW_VIEWERS, Fixtures.showViewers()));

    /** The Java type of the values of each topic with message types. */
    private static final Map<String, Class<?>> TYPE_OF_TOPIC = Map.of(
            Topics.AUCTION_COMMANDS, AuctionCommand.class,
            Topics.AUCTION_EVENTS, AuctionEvent.class,
            Topics.BID_REJECTIONS, BidderNotice.class,
            Topics.SHOW_STATS, ShowStats.class,
            Topics.SHOW_COMMANDS, ShowCommand.class,
            Topics.SHOW_EVENTS, ShowEvent.class,
            Topics.SHOW_NOTICES, ShowNotice.class);

    static Stream<Arguments> everyRecordType() {
        return FIXTURES_OF_TOPIC.entrySet().stream()
                .flatMap(topic -> topic.getValue().stream().map(value -> Arguments.of(topic.getKey(), value)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyRecordType")
    void aRecordAsTheSerdeWritesItMatchesTheSchemaOfItsTopic(String topic, Object value) {
        byte[] written = JsonSerde.MAPPER.writeValueAsBytes(value);

        assertThat(SCHEMAS.problemsOfTopic(topic, written)).isEmpty();
    }

    @Test
    void everyMessageTypeInJavaHasASchemaAndEverySchemaTypeIsCoveredHere() {
        TYPE_OF_TOPIC.forEach((topic, type) -> {
            Set<String> javaTypes = Arrays.stream(
                            type.getAnnotation(JsonSubTypes.class).value())
                    .map(subtype ->
                            subtype.value().getAnnotation(JsonTypeName.class).value())
                    .collect(Collectors.toSet());
            Set<String> schemaTypes = SchemaSet.load(SchemaSet.CURRENT)
                    .shape(ContractSchemas.SCHEMA_OF_TOPIC.get(topic))
                    .variants()
                    .keySet();
            Set<String> fixtureTypes = FIXTURES_OF_TOPIC.get(topic).stream()
                    .map(value ->
                            JsonSerde.MAPPER.valueToTree(value).path("type").asString())
                    .collect(Collectors.toSet());

            assertThat(schemaTypes).as(topic).isEqualTo(javaTypes).isEqualTo(fixtureTypes);
        });
    }

    @Test
    void aMessageWithoutARequiredFieldIsInvalid() {
        ObjectNode event = json(Fixtures.events().get(1));
        event.remove("currentBidCents");

        assertThat(SCHEMAS.problems("auction-event.json", event)).isNotEmpty();
    }

    @Test
    void aNumberWrittenAsAStringIsInvalid() {
        ObjectNode event = json(Fixtures.events().get(1));
        event.put("amountCents", "15000");

        assertThat(SCHEMAS.problems("auction-event.json", event)).isNotEmpty();
    }

    @Test
    void aFieldThatNoSchemaDeclaresIsReported() {
        ObjectNode event = json(Fixtures.events().get(0));
        ((ObjectNode) event.get("auction")).put("reservePriceCents", 25_000);

        assertThat(SCHEMAS.problems("auction-event.json", event))
                .containsExactly("$.auction.reservePriceCents: not declared in auction-event.json");
    }

    private static ObjectNode json(Object value) {
        JsonNode tree = JsonSerde.MAPPER.valueToTree(value);
        return (ObjectNode) tree;
    }
}
