package dev.gavel.systemtests.support;

import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** The show's statistics as the gateway serves them (GET /api/stats, the lobby's {@code stats} messages). */
public final class Stats {

    private Stats() {}

    /** A seller's entry among the top sellers, or null when the seller is not (yet) there. */
    public static JsonNode topSeller(JsonNode stats, String sellerId) {
        return StreamSupport.stream(stats.path("topSellers").spliterator(), false)
                .filter(seller -> seller.path("seller").path("id").asString().equals(sellerId))
                .findFirst()
                .orElse(null);
    }
}
