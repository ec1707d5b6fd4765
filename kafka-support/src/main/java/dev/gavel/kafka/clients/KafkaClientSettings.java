package dev.gavel.kafka.clients;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.StringUtils;

/**
 * The configuration of every Kafka client a service builds itself, made as Boot makes that of its own factories:
 * {@code spring.kafka.*} (security protocol, {@code spring.kafka.properties.sasl.*}, {@code spring.kafka.ssl.*}),
 * then the connection details (bootstrap servers, security protocol and {@code spring.kafka.ssl.bundle}, per client
 * kind). {@link KafkaProperties#buildProducerProperties()} alone leaves the SSL bundle out, so a secured broker would
 * refuse the client.
 */
public final class KafkaClientSettings {

    private final KafkaProperties properties;
    private final KafkaConnectionDetails connection;

    public KafkaClientSettings(KafkaProperties properties, KafkaConnectionDetails connection) {
        this.properties = properties;
        this.connection = connection;
    }

    /** A new, modifiable map each time. */
    public Map<String, Object> producer() {
        return withConnection(properties.buildProducerProperties(), connection.getProducer());
    }

    public Map<String, Object> consumer() {
        return withConnection(properties.buildConsumerProperties(), connection.getConsumer());
    }

    public Map<String, Object> admin() {
        return withConnection(properties.buildAdminProperties(), connection.getAdmin());
    }

    public Map<String, Object> streams() {
        return withConnection(properties.buildStreamsProperties(), connection.getStreams());
    }

    private static Map<String, Object> withConnection(
            Map<String, Object> properties, KafkaConnectionDetails.Configuration connection) {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getBootstrapServers());
        if (StringUtils.hasLength(connection.getSecurityProtocol())) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, connection.getSecurityProtocol());
        }
        SslBundle bundle = connection.getSslBundle();
        if (bundle != null) {
            config.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
            config.put(SslBundle.class.getName(), bundle);
        }
        return config;
    }
}
