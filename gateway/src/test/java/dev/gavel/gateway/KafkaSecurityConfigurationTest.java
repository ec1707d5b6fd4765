package dev.gavel.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.kafka.clients.KafkaClientSettings;
import dev.gavel.kafka.clients.KafkaClientsAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The gateway's own Kafka clients (commands and watermarks, the results feed) take the secured cluster's settings. */
class KafkaSecurityConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    SslAutoConfiguration.class, KafkaAutoConfiguration.class, KafkaClientsAutoConfiguration.class))
            .withPropertyValues(
                    "spring.kafka.security.protocol=SASL_SSL",
                    "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                    "spring.kafka.ssl.bundle=kafka",
                    "spring.ssl.bundle.pem.kafka.truststore.certificate=classpath:kafka-ca.pem");

    @Test
    void theCommandProducerTakesTheSaslSettingsAndTheSslBundle() {
        contexts.run(context -> {
            Map<String, Object> config = new GatewayConfiguration()
                    .commandTemplate(context.getBean(KafkaClientSettings.class), new SimpleMeterRegistry())
                    .getProducerFactory()
                    .getConfigurationProperties();
            assertSecured(config, context.getBean(SslBundles.class).getBundle("kafka"));
        });
    }

    @Test
    void theResultsFeedTakesTheSaslSettingsAndTheSslBundle() {
        contexts.run(context -> {
            Map<String, Object> config = GatewayConfiguration.feedConsumers(
                            context.getBean(KafkaClientSettings.class), new SimpleMeterRegistry())
                    .getConfigurationProperties();
            assertSecured(config, context.getBean(SslBundles.class).getBundle("kafka"));
            assertThat(config).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        });
    }

    private static void assertSecured(Map<String, Object> config, SslBundle bundle) {
        assertThat(config)
                .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
                .containsEntry(SslBundle.class.getName(), bundle);
    }
}
