package dev.gavel.processor;

import dev.gavel.events.TopicSettings;
import dev.gavel.processor.topology.AuctionTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class ProcessorConfiguration {

    /** Creates the contract's topics at startup when they are missing. */
    @Bean
    KafkaAdmin.NewTopics gavelTopics(Environment environment) {
        TopicSettings topics = Binder.get(environment)
                .bind("gavel.topics", TopicSettings.class)
                .orElseGet(TopicSettings::defaults);
        return new KafkaAdmin.NewTopics(topics.newTopics());
    }

    /** The live processor; not started when the application runs as a replay. */
    @Bean
    @ConditionalOnProperty(name = "gavel.mode", havingValue = "live", matchIfMissing = true)
    AuctionStreams auctionStreams(
            KafkaProperties kafka, ProcessorProperties processor, ObjectProvider<MeterRegistry> meters) {
        Properties config = new Properties();
        config.putAll(kafka.buildStreamsProperties());
        AuctionStreams streams = new AuctionStreams(
                AuctionTopology.build(processor.engineSettings()), config, processor.shutdownTimeout());
        meters.ifAvailable(registry -> new KafkaStreamsMetrics(streams.streams()).bindTo(registry));
        return streams;
    }
}
