package dev.gavel.processor;

import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
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

    /** Runs the processor, or with {@code replay} as first argument, a replay of the command log (see README). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("replay")) {
            SpringApplication replay = application();
            replay.setDefaultProperties(Map.of("spring.config.name", "bid-processor", "gavel.mode", "replay"));
            replay.setWebApplicationType(WebApplicationType.NONE);
            System.exit(SpringApplication.exit(replay.run(Arrays.copyOfRange(args, 1, args.length))));
        }
        application().run(args);
    }
}
