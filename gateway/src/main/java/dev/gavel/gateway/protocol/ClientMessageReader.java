package dev.gavel.gateway.protocol;

import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads client messages strictly: a message that is not exactly what the protocol describes is refused with a
 * message that says what is wrong, and nothing is done with it.
 */
public final class ClientMessageReader {

    /** Deep enough for every protocol message; deeper input is an attack, not a message. */
    static final int MAX_NESTING_DEPTH = 4;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(40)
                            .maxStringLength(16_384)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .withCoercionConfigDefaults(config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            // Numbers are not text: {"auctionId": 42} is the wrong type, not "42".
            .withCoercionConfig(
                    LogicalType.Textual, config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();

    private static final ObjectReader READER = MAPPER.readerFor(ClientMessage.class);

    public ClientMessage read(String text) {
        try {
            return parse(() -> READER.readValue(text));
        } catch (ProtocolException e) {
            throw e.forRequest(requestIdOf(text));
        }
    }

    /** The requestId of a refused message, if it has a readable one, so that the client can match the error. */
    private static String requestIdOf(String text) {
        try {
            JsonNode requestId = MAPPER.readTree(text).path("requestId");
            return requestId.isString() && requestId.stringValue().length() <= 64 ? requestId.stringValue() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * Reads a REST request body as the client message of {@code type}: the same fields, the same strictness, with the
     * type given by the endpoint rather than by the body.
     */
    public ClientMessage read(String body, String type) {
        return parse(() -> {
            JsonNode tree = MAPPER.readTree(body);
            if (!(tree instanceof ObjectNode object)) {
                throw invalid("the body must be a JSON object");
            }
            if (object.has("type")) {
                throw invalid("unknown field 'type'");
            }
            ObjectNode typed = MAPPER.createObjectNode().put("type", type);
            typed.setAll(object);
            return MAPPER.treeToValue(typed, ClientMessage.class);
        });
    }

    private ClientMessage parse(Supplier<ClientMessage> reading) {
        try {
            ClientMessage message = reading.get();
            if (message == null) {
                throw invalid("a message must be a JSON object with a type");
            }
            return message;
        } catch (UnrecognizedPropertyException e) {
            throw invalid("unknown field '" + e.getPropertyName() + "'");
        } catch (InvalidTypeIdException e) {
            throw invalid(e.getTypeId() == null ? "field 'type' is required" : "unknown type '" + e.getTypeId() + "'");
        } catch (StreamConstraintsException e) {
            throw invalid("the message nests too deeply or holds a value that is too large");
        } catch (StreamReadException e) {
            throw invalid("not valid JSON: " + e.getOriginalMessage());
        } catch (DatabindException e) {
            String field = e.getPath().stream()
                    .map(JacksonException.Reference::getPropertyName)
                    .filter(name -> name != null)
                    .collect(Collectors.joining("."));
            throw invalid(field.isEmpty() ? "a message must be exactly one JSON object with a type" : wrongType(field));
        } catch (JacksonException e) {
            throw invalid("not a valid message: " + e.getOriginalMessage());
        }
    }

    private static String wrongType(String field) {
        return "field '" + field + "' has the wrong type";
    }

    private static ProtocolException invalid(String message) {
        return new ProtocolException(ErrorCode.INVALID_MESSAGE, message);
    }
}
