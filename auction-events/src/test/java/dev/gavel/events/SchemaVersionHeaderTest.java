package dev.gavel.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The schema version every record carries (docs/adr/0007-schema-version-in-a-header.md). */
class SchemaVersionHeaderTest {

    private final JsonSerde<AuctionEvent> serde = JsonSerde.events();

    @Test
    void everyValueWrittenCarriesTheSchemaVersionInAHeader() {
        Headers headers = new RecordHeaders();

        serde.serialize(Topics.AUCTION_EVENTS, headers, Fixtures.events().get(0));

        assertThat(schemaHeaders(headers)).containsExactly("1");
    }

    @Test
    void aSchemaHeaderCopiedFromAnInputRecordIsReplacedNotRepeated() {
        Headers headers = new RecordHeaders().add(Topics.SCHEMA_HEADER, "0".getBytes(UTF_8));

        serde.serialize(Topics.AUCTION_EVENTS, headers, Fixtures.events().get(0));

        assertThat(schemaHeaders(headers)).containsExactly("1");
    }

    @Test
    void aTombstoneHasNoSchemaAndNoSchemaHeader() {
        Headers headers = new RecordHeaders();

        byte[] written = JsonSerde.views().serialize(Topics.AUCTION_STATE, headers, null);

        assertThat(written).isNull();
        assertThat(schemaHeaders(headers)).isEmpty();
    }

    private static List<String> schemaHeaders(Headers headers) {
        return StreamSupport.stream(headers.headers(Topics.SCHEMA_HEADER).spliterator(), false)
                .map(Header::value)
                .map(value -> new String(value, UTF_8))
                .toList();
    }
}
