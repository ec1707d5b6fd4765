package dev.gavel.analytics;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AnalyticsApplication {

    /**
     * The application with its own configuration file name ({@code analytics.yml}), so that it can share a classpath
     * with the other Gavel services, as in the system tests, without reading their settings.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(AnalyticsApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "analytics"));
        return application;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
