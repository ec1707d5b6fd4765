package dev.gavel.processor;

import dev.gavel.events.BidIncrements;
import dev.gavel.events.Money;
import dev.gavel.processor.topology.EngineSettings;
import dev.gavel.processor.topology.TopicNames;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the auction engine ({@code gavel.processor.*}, or {@code GAVEL_PROCESSOR_*} in the environment).
 *
 * @param punctuationInterval how often due auctions are looked for
 * @param closeGrace how long after an auction's end its close is requested when no gateway announces its progress
 * @param gatewayTimeout how long a gateway that stopped announcing its progress is still waited for, and the longest a
 *     close waits after an auction's end
 * @param endedRetention how long an ended auction is kept to answer late and repeated commands
 * @param increments the bid increment table as {@code price:increment} pairs in major units, e.g.
 *     {@code 0:0.05,1:1,30:2}
 * @param shutdownTimeout how long a stop may take to commit and leave the group
 */
@ConfigurationProperties("gavel.processor")
public record ProcessorProperties(
        @DefaultValue("100ms") Duration punctuationInterval,
        @DefaultValue("250ms") Duration closeGrace,
        @DefaultValue("1500ms") Duration gatewayTimeout,
        @DefaultValue("24h") Duration endedRetention,
        @DefaultValue(DEFAULT_INCREMENTS) String increments,
        @DefaultValue("30s") Duration shutdownTimeout) {

    static final String DEFAULT_INCREMENTS = "0:0.05,1:1,30:2,50:3,100:5,300:10,1000:20,2000:50";

    public ProcessorProperties {
        // Fail at startup, naming the setting, rather than on the first bid.
        settings(punctuationInterval, closeGrace, gatewayTimeout, endedRetention, parseIncrements(increments));
    }

    public EngineSettings engineSettings() {
        return settings(punctuationInterval, closeGrace, gatewayTimeout, endedRetention, parseIncrements(increments));
    }

    private static EngineSettings settings(
            Duration punctuationInterval,
            Duration closeGrace,
            Duration gatewayTimeout,
            Duration endedRetention,
            BidIncrements increments) {
        try {
            return new EngineSettings(
                    increments, punctuationInterval, closeGrace, gatewayTimeout, endedRetention, true, TopicNames.LIVE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gavel.processor: " + e.getMessage(), e);
        }
    }

    static BidIncrements parseIncrements(String table) {
        List<BidIncrements.Step> steps = new ArrayList<>();
        try {
            for (String pair : table.split(",")) {
                String[] parts = pair.trim().split(":");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("'" + pair.trim() + "' is not price:increment");
                }
                steps.add(new BidIncrements.Step(
                        Money.toCents(new BigDecimal(parts[0].trim())),
                        Money.toCents(new BigDecimal(parts[1].trim()))));
            }
            return new BidIncrements(steps);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "gavel.processor.increments must be price:increment pairs in major units with at most 2 decimals,"
                            + " the first price 0, e.g. " + DEFAULT_INCREMENTS + " (" + e.getMessage() + ")",
                    e);
        }
    }
}
