package dev.gavel.processor.replay;

import dev.gavel.kafka.clients.KafkaClientSettings;
import dev.gavel.processor.ProcessorProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar bid-processor.jar replay [--strict] [--timeout=10m]}: replays the command log with the same settings
 * as the live processor, prints the comparison and exits non-zero if the histories differ.
 */
@Component
@ConditionalOnProperty(name = "gavel.mode", havingValue = "replay")
class ReplayRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(ReplayRunner.class);

    private final KafkaClientSettings kafka;
    private final ProcessorProperties processor;
    private int exitCode = 1;

    ReplayRunner(KafkaClientSettings kafka, ProcessorProperties processor) {
        this.kafka = kafka;
        this.processor = processor;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Duration timeout = args.containsOption("timeout")
                ? Duration.parse("PT" + args.getOptionValues("timeout").get(0).toUpperCase())
                : Duration.ofMinutes(10);
        ReplayReport report = new Replay(
                        kafka.admin(),
                        processor.engineSettings(),
                        timeout,
                        args.containsOption("strict"),
                        Clock.systemUTC())
                .run();
        log.info(report.summary());
        System.out.println(report.summary());
        exitCode = report.identical() ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
