package dev.gavel.processor.topology;

import dev.gavel.events.BidIncrements;
import java.time.Duration;
import java.util.Objects;

/**
 * How the auction topology runs.
 *
 * @param increments the bid increment table
 * @param punctuationInterval how often the wall-clock punctuator looks for auctions that are due to end
 * @param closeGrace how long after an auction's end its close is requested when no gateway announces its progress,
 *     so that bids received in time but still in flight are judged first
 * @param gatewayTimeout how long a gateway that stopped announcing its progress is still waited for, and the longest
 *     a close waits after an auction's end
 * @param endedRetention how long an ended auction stays in the processor's state, answering late commands with
 *     {@code AUCTION_ENDED} and repeated commands with their outcome
 * @param scheduleEndings false to only follow the command log (replay): the closes are already recorded in it
 * @param topics the topics to read and write
 */
public record EngineSettings(
        BidIncrements increments,
        Duration punctuationInterval,
        Duration closeGrace,
        Duration gatewayTimeout,
        Duration endedRetention,
        boolean scheduleEndings,
        TopicNames topics) {

    public EngineSettings {
        Objects.requireNonNull(increments, "increments");
        Objects.requireNonNull(topics, "topics");
        requirePositive(punctuationInterval, "punctuationInterval");
        requireNotNegative(closeGrace, "closeGrace");
        requirePositive(gatewayTimeout, "gatewayTimeout");
        requireNotNegative(endedRetention, "endedRetention");
    }

    public static EngineSettings defaults() {
        return new EngineSettings(
                BidIncrements.DEFAULT,
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMillis(1500),
                Duration.ofHours(24),
                true,
                TopicNames.LIVE);
    }

    public EngineSettings forReplay(String outputPrefix) {
        return new EngineSettings(
                increments,
                punctuationInterval,
                closeGrace,
                gatewayTimeout,
                endedRetention,
                false,
                topics.withOutputPrefix(outputPrefix));
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
