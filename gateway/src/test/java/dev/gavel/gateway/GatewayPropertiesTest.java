package dev.gavel.gateway;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;

class GatewayPropertiesTest {

    /** The settings of gateway.yml; a test changes one. */
    private static final class Settings {
        DataSize maxFrameSize = DataSize.ofKilobytes(8);
        Duration replyTimeout = Duration.ofSeconds(10);
        Duration sendTimeLimit = Duration.ofSeconds(10);
        int sendQueueLimit = 2000;
        Duration conflateAfter = Duration.ofMillis(250);
        Duration streamFrameInterval = Duration.ofMillis(100);
        int streamFramesPerSecond = 20_000;
        int replayBufferSize = 256;
        Duration endedAuctionTtl = Duration.ofMinutes(10);
        Duration unknownAuctionWait = Duration.ofSeconds(2);
        int maxConnectionsPerUser = 10;
        int commandsPerSecond = 20;
        int commandBurst = 40;
        int messagesPerSecond = 50;
        int messageBurst = 100;
        Duration watermarkInterval = Duration.ofMillis(250);
        Duration closingWatermarkInterval = Duration.ofMillis(20);

        GatewayProperties build() {
            return new GatewayProperties(
                    List.of(),
                    maxFrameSize,
                    replyTimeout,
                    sendTimeLimit,
                    sendQueueLimit,
                    conflateAfter,
                    streamFrameInterval,
                    streamFramesPerSecond,
                    replayBufferSize,
                    endedAuctionTtl,
                    unknownAuctionWait,
                    maxConnectionsPerUser,
                    commandsPerSecond,
                    commandBurst,
                    messagesPerSecond,
                    messageBurst,
                    watermarkInterval,
                    closingWatermarkInterval);
        }
    }

    private static GatewayProperties with(Consumer<Settings> change) {
        Settings settings = new Settings();
        change.accept(settings);
        return settings.build();
    }

    @Test
    void acceptsTheDefaults() {
        assertThatCode(() -> new Settings().build()).doesNotThrowAnyException();
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                limit("max-frame-size", (s, v) -> s.maxFrameSize = DataSize.ofBytes(v)),
                limit("reply-timeout", (s, v) -> s.replyTimeout = Duration.ofMillis(v)),
                limit("send-time-limit", (s, v) -> s.sendTimeLimit = Duration.ofMillis(v)),
                limit("send-queue-limit", (s, v) -> s.sendQueueLimit = v),
                limit("conflate-after", (s, v) -> s.conflateAfter = Duration.ofMillis(v)),
                limit("stream-frames-per-second", (s, v) -> s.streamFramesPerSecond = v),
                limit("replay-buffer-size", (s, v) -> s.replayBufferSize = v),
                limit("ended-auction-ttl", (s, v) -> s.endedAuctionTtl = Duration.ofMillis(v)),
                limit("max-connections-per-user", (s, v) -> s.maxConnectionsPerUser = v),
                limit("commands-per-second", (s, v) -> s.commandsPerSecond = v),
                limit("command-burst", (s, v) -> s.commandBurst = v),
                limit("messages-per-second", (s, v) -> s.messagesPerSecond = v),
                limit("message-burst", (s, v) -> s.messageBurst = v));
    }

    private interface Setter {
        void set(Settings settings, int value);
    }

    private static Arguments limit(String name, Setter setter) {
        return Arguments.of(name, setter);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void refusesAZeroLimitNamingTheSetting(String name, Setter setter) {
        assertThatThrownBy(() -> with(settings -> setter.set(settings, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gavel.gateway." + name + " must be positive, got 0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void refusesANegativeLimitNamingTheSetting(String name, Setter setter) {
        assertThatThrownBy(() -> with(settings -> setter.set(settings, -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gavel.gateway." + name + " must be positive, got -1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void acceptsALimitOfOne(String name, Setter setter) {
        assertThatCode(() -> with(settings -> setter.set(settings, 1))).doesNotThrowAnyException();
    }

    @Test
    void acceptsAZeroStreamFrameIntervalThatSendsEachEventAtOnce() {
        assertThatCode(() -> with(settings -> settings.streamFrameInterval = Duration.ZERO))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesANegativeStreamFrameInterval() {
        assertThatThrownBy(() -> with(settings -> settings.streamFrameInterval = Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gavel.gateway.stream-frame-interval must not be negative");
    }

    @Test
    void refusesATimeoutShorterThanAMillisecond() {
        assertThatThrownBy(() -> with(settings -> settings.replyTimeout = Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gavel.gateway.reply-timeout must be positive, got 0");
    }
}
