package dev.gavel.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one serde of the contract: JSON with a {@code type} discriminator, times as epoch milliseconds. Readers ignore
 * fields they do not know, so producers may add fields without breaking consumers. Every value written to a topic
 * carries the {@value Topics#SCHEMA_HEADER} header with the contract's major version, {@value #SCHEMA_VERSION}.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** The mapper every Gavel component uses for the Kafka contract. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Amounts are whole cents: a fraction is a producer's mistake to refuse, never to truncate.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    /**
     * The major version of the contract's schemas. It changes only with a change that old readers cannot read, and
     * then on new topics (docs/topics.md, "Evolving the contract").
     */
    public static final int SCHEMA_VERSION = 1;

    private static final byte[] SCHEMA_VERSION_HEADER =
            Integer.toString(SCHEMA_VERSION).getBytes(UTF_8);

    private final Class<T> type;
    // Resolved once: the serializers of a type are looked up per call otherwise, on every record.
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonSerde(Class<T> type) {
        this.type = type;
        this.reader = MAPPER.readerFor(type);
        this.writer = MAPPER.writerFor(type);
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    public static JsonSerde<AuctionCommand> commands() {
        return of(AuctionCommand.class);
    }

    public static JsonSerde<AuctionEvent> events() {
        return of(AuctionEvent.class);
    }

    public static JsonSerde<BidderNotice> notices() {
        return of(BidderNotice.class);
    }

    public static JsonSerde<AuctionView> views() {
        return of(AuctionView.class);
    }

    public static JsonSerde<ShowStats> stats() {
        return of(ShowStats.class);
    }

    public static JsonSerde<ShowCommand> showCommands() {
        return of(ShowCommand.class);
    }

    public static JsonSerde<ShowEvent> showEvents() {
        return of(ShowEvent.class);
    }

    public static JsonSerde<ShowNotice> showNotices() {
        return of(ShowNotice.class);
    }

    public static JsonSerde<ShowView> showViews() {
        return of(ShowView.class);
    }

    public static JsonSerde<ShowViewers> showViewers() {
        return of(ShowViewers.class);
    }

    /**
     * Writes {@code data} and marks the record with the schema version. A header copied from an input record is
     * replaced, never repeated. Tombstones have no schema and get no header.
     */
    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        byte[] bytes = serialize(topic, data);
        // State stores serialize without record headers: their values are not part of the contract.
        if (bytes != null && headers != null) {
            headers.remove(Topics.SCHEMA_HEADER);
            headers.add(Topics.SCHEMA_HEADER, SCHEMA_VERSION_HEADER.clone());
        }
        return bytes;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(data);
        } catch (JacksonException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " to " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return reader.readValue(data);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException(
                    "cannot read " + type.getSimpleName() + " from " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}
}
