package dev.gavel.processor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BidProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(BidProcessorApplication.class, args);
    }
}
