package dev.gavel.analytics;

import dev.gavel.analytics.topology.StatsSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the statistics ({@code gavel.analytics.*}, or {@code GAVEL_ANALYTICS_*} in the environment).
 *
 * @param hotAuctionsWindow how far back the hot auctions look
 * @param hotAuctionsHop how often a new counting window starts
 * @param hotAuctionsSize how many hot auctions are listed
 * @param highestBidWindow the tumbling window of the highest bid
 * @param grace how late in event time a bid may arrive and still count in its window
 * @param shutdownTimeout how long a stop may take to commit and leave the group
 */
@ConfigurationProperties("gavel.analytics")
public record AnalyticsProperties(
        @DefaultValue("1m") Duration hotAuctionsWindow,
        @DefaultValue("10s") Duration hotAuctionsHop,
        @DefaultValue("5") int hotAuctionsSize,
        @DefaultValue("1m") Duration highestBidWindow,
        @DefaultValue("5s") Duration grace,
        @DefaultValue("30s") Duration shutdownTimeout) {

    public AnalyticsProperties {
        // Fail at startup, naming the setting.
        new StatsSettings(hotAuctionsWindow, hotAuctionsHop, hotAuctionsSize, highestBidWindow, grace);
    }

    public StatsSettings statsSettings() {
        return new StatsSettings(hotAuctionsWindow, hotAuctionsHop, hotAuctionsSize, highestBidWindow, grace);
    }
}
