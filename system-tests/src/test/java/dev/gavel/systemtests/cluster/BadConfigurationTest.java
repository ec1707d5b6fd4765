package dev.gavel.systemtests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.gateway.GatewayApplication;
import dev.gavel.processor.BidProcessorApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;

/** A bad setting stops a service at startup, with a message that says what to fix. */
class BadConfigurationTest {

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(
                        GatewayApplication.application(),
                        new String[] {"--gavel.auth.jwt-secret=short"},
                        "GAVEL_AUTH_JWT_SECRET must be at least 32 bytes"),
                Arguments.of(
                        GatewayApplication.application(),
                        new String[] {"--gavel.auth.jwt-secret="},
                        "no way to verify tokens"),
                Arguments.of(
                        GatewayApplication.application(),
                        new String[] {
                            "--gavel.auth.jwt-secret=a-secret-that-is-long-enough-for-hs256!",
                            "--gavel.gateway.reply-timeout=0s"
                        },
                        "gavel.gateway.reply-timeout must be positive"),
                Arguments.of(
                        BidProcessorApplication.application(),
                        new String[] {"--gavel.processor.increments=0:0.05,1:zero"},
                        "gavel.processor.increments must be price:increment pairs"),
                Arguments.of(
                        BidProcessorApplication.application(),
                        new String[] {"--gavel.processor.punctuation-interval=0s"},
                        "punctuationInterval must be a positive duration"),
                Arguments.of(
                        BidProcessorApplication.application(),
                        new String[] {"--gavel.topics.partitions=0"},
                        "gavel.topics.partitions and gavel.topics.replication-factor must be at least 1"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badSettings")
    void aBadSettingStopsTheServiceWithAMessageSayingWhatToFix(
            SpringApplication application, String[] settings, String message) {
        String[] args = Stream.concat(
                        Stream.of(
                                "--server.port=0",
                                "--management.server.port=0",
                                "--spring.kafka.bootstrap-servers=127.0.0.1:1"),
                        Stream.of(settings))
                .toArray(String[]::new);

        assertThatThrownBy(() -> application.run(args).close())
                .satisfies(failure -> assertThat(causes(failure)).anyMatch(m -> m.contains(message)));
    }

    /** What a failed startup prints: the messages of the whole causal chain. */
    private static List<String> causes(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }
}
