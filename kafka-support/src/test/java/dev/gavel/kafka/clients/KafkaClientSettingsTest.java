package dev.gavel.kafka.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KafkaClientSettingsTest {

    /** A secured cluster as an operator configures it: nothing but spring.kafka.* and an SSL bundle. */
    static final String[] SECURED = {
        "spring.kafka.bootstrap-servers=broker-1:9093",
        "spring.kafka.security.protocol=SASL_SSL",
        "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
        "spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"gateway\" password=\"secret\";",
        "spring.kafka.ssl.bundle=kafka",
        "spring.ssl.bundle.pem.kafka.truststore.certificate=classpath:kafka-ca.pem"
    };

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    SslAutoConfiguration.class, KafkaAutoConfiguration.class, KafkaClientsAutoConfiguration.class))
            .withPropertyValues(SECURED);

    @Test
    void everyKindOfClientTakesTheSecurityProtocolSaslSettingsAndSslBundle() {
        contexts.run(context -> {
            KafkaClientSettings clients = context.getBean(KafkaClientSettings.class);
            SslBundle bundle = context.getBean(SslBundles.class).getBundle("kafka");
            List<Function<KafkaClientSettings, Map<String, Object>>> kinds = List.of(
                    KafkaClientSettings::producer,
                    KafkaClientSettings::consumer,
                    KafkaClientSettings::admin,
                    KafkaClientSettings::streams);
            for (Function<KafkaClientSettings, Map<String, Object>> kind : kinds) {
                Map<String, Object> config = kind.apply(clients);
                assertThat(config)
                        .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, List.of("broker-1:9093"))
                        .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                        .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
                        .containsKey(SaslConfigs.SASL_JAAS_CONFIG)
                        .containsEntry(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class)
                        .containsEntry(SslBundle.class.getName(), bundle);
            }
        });
    }

    @Test
    void aBundleOfTheirOwnForOneKindOfClientWins() {
        contexts.withPropertyValues(
                        "spring.kafka.producer.ssl.bundle=producer",
                        "spring.ssl.bundle.pem.producer.truststore.certificate=classpath:kafka-ca.pem")
                .run(context -> {
                    KafkaClientSettings clients = context.getBean(KafkaClientSettings.class);
                    SslBundles bundles = context.getBean(SslBundles.class);
                    assertThat(clients.producer())
                            .containsEntry(SslBundle.class.getName(), bundles.getBundle("producer"));
                    assertThat(clients.consumer()).containsEntry(SslBundle.class.getName(), bundles.getBundle("kafka"));
                });
    }

    @Test
    void withoutSecuritySettingsClientsStayPlain() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        SslAutoConfiguration.class, KafkaAutoConfiguration.class, KafkaClientsAutoConfiguration.class))
                .run(context -> assertThat(
                                context.getBean(KafkaClientSettings.class).producer())
                        .doesNotContainKeys(
                                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                                SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG,
                                SslBundle.class.getName()));
    }
}
