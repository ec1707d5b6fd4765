package dev.gavel.processor;

import dev.gavel.kafka.streams.StreamsLifecycle;
import dev.gavel.processor.topology.AuctionTopology;
import dev.gavel.processor.topology.ProcessorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * The live processor: the auction topology (Processor API) on Spring Kafka's factory bean, configured by
 * {@code spring.kafka.streams}; not started when the application runs as a replay.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gavel.mode", havingValue = "live", matchIfMissing = true)
@EnableKafkaStreams
class ProcessorConfiguration {

    @Bean
    StreamsBuilderFactoryBeanConfigurer auctionTopology(ProcessorProperties processor, MeterRegistry meters) {
        ProcessorMetrics metrics = new ProcessorMetrics(meters);
        KafkaStreamsInfrastructureCustomizer topology = new KafkaStreamsInfrastructureCustomizer() {
            @Override
            public void configureTopology(Topology topology) {
                AuctionTopology.addTo(topology, processor.engineSettings(), metrics);
            }
        };
        return factory -> factory.setInfrastructureCustomizer(topology);
    }

    @Bean
    StreamsLifecycle streamsLifecycle(ProcessorProperties processor) {
        return new StreamsLifecycle(processor.shutdownTimeout());
    }
}
