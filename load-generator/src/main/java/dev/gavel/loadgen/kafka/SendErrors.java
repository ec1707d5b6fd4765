package dev.gavel.loadgen.kafka;

import dev.gavel.loadgen.check.RunFailure;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The callback of a benchmark's asynchronous sends: keeps the first error, and the run checks it once the sends are
 * flushed. One instance serves every send.
 */
public final class SendErrors implements Callback {

    private final AtomicReference<Exception> first = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception error) {
        if (error != null) {
            first.compareAndSet(null, error);
        }
    }

    /** @throws RunFailure saying {@code what}, if a send failed */
    public void throwIfAny(String what) {
        if (first.get() != null) {
            throw new RunFailure(what + ": " + first.get());
        }
    }
}
