package dev.gavel.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on what sellers do ({@code gavel.auctions.*}, or {@code GAVEL_AUCTIONS_*} in the environment).
 *
 * @param maxOpenPerSeller how many auctions one seller may have open at once
 */
@ConfigurationProperties("gavel.auctions")
public record AuctionsProperties(@DefaultValue("20") int maxOpenPerSeller) {

    public AuctionsProperties {
        if (maxOpenPerSeller < 1) {
            throw new IllegalArgumentException("gavel.auctions.max-open-per-seller must be at least 1");
        }
    }
}
