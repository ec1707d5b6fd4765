package dev.gavel.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** What the readiness and liveness probes of a service that runs Kafka Streams say in each state of its streams. */
class StreamsProbesTest {

    @Test
    void aRebalancingInstanceIsNotReadyButAlive() {
        StreamsBuilderFactoryBean factory = streamsIn(KafkaStreams.State.REBALANCING);

        assertThat(readiness(factory)).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(liveness(factory)).isEqualTo(Status.UP);
    }

    @Test
    void aStartingInstanceIsNotReadyButAlive() {
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean();

        assertThat(readiness(factory)).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(liveness(factory)).isEqualTo(Status.UP);
    }

    @Test
    void aRunningInstanceIsReadyAndAlive() {
        StreamsBuilderFactoryBean factory = streamsIn(KafkaStreams.State.RUNNING);

        assertThat(readiness(factory)).isEqualTo(Status.UP);
        assertThat(liveness(factory)).isEqualTo(Status.UP);
    }

    @Test
    void failedStreamsMakeTheInstanceNeitherReadyNorAlive() {
        StreamsBuilderFactoryBean factory = streamsIn(KafkaStreams.State.ERROR);

        assertThat(readiness(factory)).isEqualTo(Status.DOWN);
        assertThat(liveness(factory)).isEqualTo(Status.DOWN);
    }

    @Test
    void streamsStoppingOnShutdownAreNotReadyButNotRestarted() {
        StreamsBuilderFactoryBean factory = streamsIn(KafkaStreams.State.PENDING_SHUTDOWN);

        assertThat(readiness(factory)).isEqualTo(Status.DOWN);
        assertThat(liveness(factory)).isEqualTo(Status.UP);
    }

    private static Status readiness(StreamsBuilderFactoryBean factory) {
        return new StreamsHealthIndicator(factory).health().getStatus();
    }

    private static Status liveness(StreamsBuilderFactoryBean factory) {
        return new StreamsLivenessIndicator(factory).health().getStatus();
    }

    private static StreamsBuilderFactoryBean streamsIn(KafkaStreams.State state) {
        KafkaStreams streams = mock(KafkaStreams.class);
        when(streams.state()).thenReturn(state);
        StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);
        when(factory.getKafkaStreams()).thenReturn(streams);
        return factory;
    }
}
