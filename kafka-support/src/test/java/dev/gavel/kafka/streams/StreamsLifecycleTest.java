package dev.gavel.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.InvalidSessionTimeoutException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamsLifecycleTest {

    @Test
    void aFailedStreamThreadIsReplaced() {
        assertThat(StreamsLifecycle.onThreadFailure(new StreamsException(new IllegalStateException("a bug"))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void aSessionTimeoutTheBrokersRefuseStopsTheApplicationInsteadOfReplacingThreadsForever() {
        StreamsException refused = new StreamsException(new InvalidSessionTimeoutException("not within the range"));

        assertThat(StreamsLifecycle.onThreadFailure(refused))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_APPLICATION);
    }

    @Test
    void aMissingAclStopsTheApplicationInsteadOfReplacingThreadsForever() {
        StreamsException refused = new StreamsException(
                new TransactionalIdAuthorizationException("Transactional Id authorization failed."));

        assertThat(StreamsLifecycle.onThreadFailure(refused))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_APPLICATION);
    }
}
