package dev.gavel.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class ProcessorConfigurationTest {

    /**
     * Node and store names make the names of the changelog topics and of the state on disk: a rename would start
     * every auction from nothing. The topology the application runs must describe as recorded.
     */
    @Test
    void theApplicationRunsTheTopologyUnderItsRecordedNames(@TempDir Path state) throws Exception {
        ProcessorProperties processor = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("gavel.processor", ProcessorProperties.class);
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "topology-names-test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                StreamsConfig.STATE_DIR_CONFIG, state.toString())));
        new ProcessorConfiguration()
                .auctionTopology(processor, new SimpleMeterRegistry())
                .configure(factory);

        factory.afterPropertiesSet();
        // Where the factory builds the topology, as in the application, before the streams start.
        factory.afterSingletonsInstantiated();

        assertThat(factory.getTopology().describe().toString()).isEqualTo(recorded());
    }

    private static String recorded() throws IOException {
        try (var in = ProcessorConfigurationTest.class.getResourceAsStream("/topology-description.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
