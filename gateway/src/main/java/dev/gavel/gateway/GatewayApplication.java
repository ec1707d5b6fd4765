package dev.gavel.gateway;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GatewayApplication {

    /**
     * Tomcat's WebSocket frame, output and encoder buffers: 8 KB each by default, for every connection, and settable
     * only as a system property read once. Messages are a few hundred bytes, and longer ones pass in parts: 2 KB saves
     * about 18 KB per connection, 90 MB for 5,000 viewers. A value given on the command line wins.
     */
    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    static final String WEBSOCKET_BUFFER_BYTES = "2048";

    /**
     * The application with its own configuration file name ({@code gateway.yml}), so that it can share a classpath with
     * the other Gavel service, as in the system tests, without reading the other's settings.
     */
    public static SpringApplication application() {
        if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
            System.setProperty(WEBSOCKET_BUFFER_PROPERTY, WEBSOCKET_BUFFER_BYTES);
        }
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "gateway"));
        return application;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
