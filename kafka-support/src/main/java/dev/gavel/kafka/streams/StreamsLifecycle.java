package dev.gavel.kafka.streams;

import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * How a Gavel service runs its Kafka Streams: a stop commits and leaves the group at once, so that another instance
 * takes the partitions over without waiting for a session timeout; a stream thread that fails is replaced rather than
 * stopping the service.
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
        factory.setStreamsUncaughtExceptionHandler(e -> {
            log.error("A stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }
}
