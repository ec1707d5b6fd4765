package dev.gavel.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionEvent.AuctionEnded;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

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

    @Test
    void readersIgnoreFieldsTheyDoNotKnow() {
        String fromANewerProducer = """
                {"type":"auction-ended","auctionId":"a-1","seq":2,"at":1795835760717,"commandId":"close:a-1:1",
                 "outcome":"UNSOLD","winner":null,"finalPriceCents":null,"bidCount":0,
                 "sellerNote":"a field added in a later minor version"}""";

        AuctionEvent read = serde.deserialize(Topics.AUCTION_EVENTS, fromANewerProducer.getBytes(UTF_8));

        assertThat(read).isInstanceOf(AuctionEnded.class);
        assertThat(((AuctionEnded) read).outcome()).isEqualTo(Outcome.UNSOLD);
    }

    private static List<String> schemaHeaders(Headers headers) {
        return StreamSupport.stream(headers.headers(Topics.SCHEMA_HEADER).spliterator(), false)
                .map(Header::value)
                .map(value -> new String(value, UTF_8))
                .toList();
    }
}
