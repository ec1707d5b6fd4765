package dev.gavel.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * What the readiness and liveness probes of a service that runs Kafka Streams say in each state of its streams: not
 * ready unless running; dead only once failed for good, so that a rebalance never gets an instance restarted.
 */
class StreamsProbesTest {

    @ParameterizedTest(name = "{0}: readiness {1}, liveness {2}")
    @CsvSource({
        "CREATED,          OUT_OF_SERVICE, UP",
        "REBALANCING,      OUT_OF_SERVICE, UP",
        "RUNNING,          UP,             UP",
        "PENDING_SHUTDOWN, DOWN,           UP",
        "NOT_RUNNING,      DOWN,           UP",
        "PENDING_ERROR,    DOWN,           DOWN",
        "ERROR,            DOWN,           DOWN"
    })
    void probesFollowTheStateOfTheStreams(KafkaStreams.State state, String readiness, String liveness) {
        StreamsBuilderFactoryBean factory = streamsIn(state);

        assertThat(new StreamsHealthIndicator(factory).health().getStatus()).isEqualTo(new Status(readiness));
        assertThat(new StreamsLivenessIndicator(factory).health().getStatus()).isEqualTo(new Status(liveness));
    }

    @Test
    void anInstanceWhoseStreamsAreNotBuiltYetIsNotReadyButAlive() {
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean();

        assertThat(new StreamsHealthIndicator(factory).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(new StreamsLivenessIndicator(factory).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aRunningInstanceSaysHowManyTasksItRunsAndHowManyItKeepsWarm() {
        StreamsBuilderFactoryBean factory = streamsIn(KafkaStreams.State.RUNNING);
        ThreadMetadata thread = mock(ThreadMetadata.class);
        when(thread.activeTasks()).thenReturn(Set.of(mock(TaskMetadata.class), mock(TaskMetadata.class)));
        when(thread.standbyTasks()).thenReturn(Set.of(mock(TaskMetadata.class)));
        when(factory.getKafkaStreams().metadataForLocalThreads()).thenReturn(Set.of(thread));

        assertThat(new StreamsHealthIndicator(factory).health().getDetails())
                .containsEntry("activeTasks", 2)
                .containsEntry("standbyTasks", 1);
    }

    private static StreamsBuilderFactoryBean streamsIn(KafkaStreams.State state) {
        KafkaStreams streams = mock(KafkaStreams.class);
        when(streams.state()).thenReturn(state);
        StreamsBuilderFactoryBean factory = mock(StreamsBuilderFactoryBean.class);
        when(factory.getKafkaStreams()).thenReturn(streams);
        return factory;
    }
}
