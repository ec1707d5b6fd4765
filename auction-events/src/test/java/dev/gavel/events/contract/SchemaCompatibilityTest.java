package dev.gavel.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of this build may replace those of the released major version 1 only if readers of either can read
 * what the other writes. A change that cannot needs a new major version, on new topics (docs/topics.md).
 */
class SchemaCompatibilityTest {

    private static final SchemaSet CURRENT = SchemaSet.load(SchemaSet.CURRENT);

    @Test
    void theCurrentSchemasAreCompatibleWithTheReleasedVersion1() {
        SchemaSet released = SchemaSet.load(SchemaSet.RELEASED_V1);

        assertThat(Compatibility.breakingChanges(released, CURRENT)).isEmpty();
    }

    static Stream<Arguments> breakingChanges() {
        return Stream.of(
                change(
                        "removing a field",
                        "auction-event.json",
                        schema -> properties(schema, "AuctionEnded").remove("finalPriceCents"),
                        "auction-event.json auction-ended: field 'finalPriceCents' was removed"),
                change(
                        "renaming a field",
                        "auction-event.json",
                        schema -> {
                            ObjectNode properties = properties(schema, "BidPlaced");
                            properties.set("amount", properties.remove("amountCents"));
                            replace(required(schema, "BidPlaced"), "amountCents", "amount");
                        },
                        "auction-event.json bid-placed: field 'amountCents' was removed"),
                change(
                        "changing the type of a field",
                        "common.json",
                        schema -> ((ObjectNode) schema.at("/definitions/Seq")).put("type", "string"),
                        "auction-event.json auction-created.seq: type changed from [integer] to [string]"),
                change(
                        "making a field nullable",
                        "auction-event.json",
                        schema -> ((ObjectNode) properties(schema, "BidPlaced").get("leader"))
                                .put("$ref", "common.json#/definitions/OptionalUserRef"),
                        "auction-event.json bid-placed.leader: type changed from [object] to [null, object]"),
                change(
                        "adding a required field",
                        "auction-event.json",
                        schema -> {
                            properties(schema, "BidPlaced")
                                    .putObject("currency")
                                    .put("type", "string");
                            required(schema, "BidPlaced").add("currency");
                        },
                        "auction-event.json bid-placed: new required field 'currency'"),
                change(
                        "no longer requiring a field",
                        "auction-event.json",
                        schema -> remove(required(schema, "AuctionEnded"), "bidCount"),
                        "auction-event.json auction-ended: field 'bidCount' is no longer required"),
                change(
                        "removing an enum value",
                        "common.json",
                        schema -> remove((ArrayNode) schema.at("/definitions/Outcome/enum"), "CANCELLED"),
                        "auction-event.json auction-ended.outcome: value 'CANCELLED' was removed"),
                change(
                        "removing a message type",
                        "auction-event.json",
                        schema -> removeVariant(schema, "#/definitions/AuctionExtended"),
                        "auction-event.json: message type 'auction-extended' was removed"),
                change(
                        "changing a field deep inside a message",
                        "auction-view.json",
                        schema -> ((ObjectNode) schema.at("/properties")).remove("bidCount"),
                        "auction-event.json auction-created.auction: field 'bidCount' was removed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakingChanges")
    void aBreakingChangeFailsTheCheck(String change, String file, Consumer<ObjectNode> edit, String expected) {
        SchemaSet changed = CURRENT.with(file, edit);

        assertThat(Compatibility.breakingChanges(CURRENT, changed)).contains(expected);
    }

    @Test
    void removingASchemaFailsTheCheck() {
        assertThat(Compatibility.breakingChanges(CURRENT, CURRENT.without("show-stats.json")))
                .containsExactly("show-stats.json was removed");
    }

    static Stream<Arguments> compatibleChanges() {
        return Stream.of(
                change(
                        "adding an optional field",
                        "auction-event.json",
                        schema -> properties(schema, "AuctionEnded")
                                .putObject("sellerNote")
                                .put("type", "string"),
                        null),
                change(
                        "adding an enum value",
                        "common.json",
                        schema -> ((ArrayNode) schema.at("/definitions/Outcome/enum")).add("WITHDRAWN"),
                        null),
                change(
                        "adding a message type",
                        "auction-event.json",
                        schema -> {
                            ObjectNode paused = ((ObjectNode) schema.get("definitions")).putObject("AuctionPaused");
                            paused.put("type", "object");
                            paused.putObject("properties").putObject("type").put("const", "auction-paused");
                            ((ArrayNode) schema.get("oneOf")).addObject().put("$ref", "#/definitions/AuctionPaused");
                        },
                        null),
                change(
                        "rewording a description",
                        "auction-event.json",
                        schema -> schema.put("description", "The public history of an auction."),
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compatibleChanges")
    void aCompatibleChangePassesTheCheck(String change, String file, Consumer<ObjectNode> edit, String unused) {
        SchemaSet changed = CURRENT.with(file, edit);

        assertThat(Compatibility.breakingChanges(CURRENT, changed)).isEmpty();
    }

    private static Arguments change(String name, String file, Consumer<ObjectNode> edit, String expected) {
        return Arguments.of(name, file, edit, expected);
    }

    private static ObjectNode properties(ObjectNode schema, String definition) {
        return (ObjectNode) schema.at("/definitions/" + definition + "/properties");
    }

    private static ArrayNode required(ObjectNode schema, String definition) {
        return (ArrayNode) schema.at("/definitions/" + definition + "/required");
    }

    private static void remove(ArrayNode values, String value) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).asString().equals(value)) {
                values.remove(i);
                return;
            }
        }
        throw new IllegalArgumentException(value + " is not in " + values);
    }

    private static void replace(ArrayNode values, String value, String replacement) {
        remove(values, value);
        values.add(replacement);
    }

    private static void removeVariant(ObjectNode schema, String ref) {
        ArrayNode variants = (ArrayNode) schema.get("oneOf");
        for (int i = 0; i < variants.size(); i++) {
            JsonNode variant = variants.get(i);
            if (variant.path("$ref").asString("").equals(ref)) {
                variants.remove(i);
                return;
            }
        }
        throw new IllegalArgumentException(ref + " is not a variant");
    }
}
