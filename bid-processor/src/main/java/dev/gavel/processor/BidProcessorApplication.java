package dev.gavel.processor;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BidProcessorApplication {

    /**
     * The application with its own configuration file name ({@code bid-processor.yml}), so that it can share a classpath with
     * the other Gavel service, as in the system tests, without reading the other's settings.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(BidProcessorApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "bid-processor"));
        return application;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
