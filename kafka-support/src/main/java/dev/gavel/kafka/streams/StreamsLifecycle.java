package dev.gavel.kafka.streams;

import java.time.Duration;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.InvalidSessionTimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * How a Gavel service runs its Kafka Streams: a stop commits and leaves the group at once, so that another instance
 * takes the partitions over without waiting for a session timeout; a stream thread that fails is replaced rather than
 * stopping the service, unless it failed on a setting or a missing ACL that a new thread would fail on too.
 */
public class StreamsLifecycle implements StreamsBuilderFactoryBeanConfigurer {

    private static final Logger log = LoggerFactory.getLogger(StreamsLifecycle.class);

    private final Duration shutdownTimeout;

    /** @param shutdownTimeout how long a stop may take to commit and leave the group */
    public StreamsLifecycle(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public void configure(StreamsBuilderFactoryBean factory) {
        factory.setLeaveGroupOnClose(true);
        factory.setCloseTimeout((int) Math.max(1, shutdownTimeout.toSeconds()));
        factory.setStreamsUncaughtExceptionHandler(StreamsLifecycle::onThreadFailure);
    }

    static StreamThreadExceptionResponse onThreadFailure(Throwable error) {
        AuthorizationException refusal = cause(error, AuthorizationException.class);
        if (refusal != null) {
            log.error(
                    "Kafka refused this instance {}: its principal lacks an ACL (ops/kafka/acls.tsv lists what each"
                            + " service needs; docs/operations.md, Securing Kafka); stopping",
                    refused(refusal),
                    error);
            return StreamThreadExceptionResponse.SHUTDOWN_APPLICATION;
        }
        if (cause(error, InvalidSessionTimeoutException.class) != null) {
            log.error(
                    "The brokers refuse this instance's consumer session timeout: allow it with their"
                            + " group.min.session.timeout.ms, or set a longer one with"
                            + " SPRING_KAFKA_STREAMS_PROPERTIES_CONSUMER_SESSION_TIMEOUT_MS; stopping",
                    error);
            return StreamThreadExceptionResponse.SHUTDOWN_APPLICATION;
        }
        log.error("A stream thread failed; replacing it", error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }

    private static String refused(AuthorizationException refusal) {
        if (refusal instanceof TopicAuthorizationException topics) {
            return "access to the topics " + topics.unauthorizedTopics();
        }
        if (refusal instanceof GroupAuthorizationException group && group.groupId() != null) {
            return "access to the group " + group.groupId();
        }
        return "an operation (" + refusal.getMessage() + ")";
    }
}
