package dev.gavel.processor.topology;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.gavel.events.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Parks a command that cannot be processed, as it was read, with why and where in its headers. */
final class DeadLetters {

    private DeadLetters() {}

    static void park(
            ProcessorContext<String, Object> context, Record<String, byte[]> record, String error, String sink) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Topics.ERROR_HEADER, error.getBytes(UTF_8));
        context.recordMetadata()
                .ifPresent(source -> headers.add(
                        Topics.SOURCE_HEADER,
                        (source.topic() + "-" + source.partition() + "@" + source.offset()).getBytes(UTF_8)));
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers), sink);
    }
}
