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
     * The application with its own configuration file name ({@code gateway.yml}), so that it can share a classpath with
     * the other Gavel service, as in the system tests, without reading the other's settings.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "gateway"));
        return application;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
