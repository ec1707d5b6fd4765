package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Objects;

/**
 * How many people one gateway instance has watching a show, on {@value Topics#SHOW_VIEWERS}: every instance writes
 * its count of every show it has viewers of, when it changes and every few seconds while it does not, and reads
 * everyone's. A show's audience is the sum of the counts of the instances heard from lately; an instance that stops
 * writing (stopped, crashed) stops counting.
 */
public record ShowViewers(String showId, String gatewayId, int viewers, Instant at) {

    public ShowViewers {
        Objects.requireNonNull(showId, "showId");
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(at, "at");
    }

    /** The record's key: one per show and instance, so that compaction keeps every instance's latest count. */
    @JsonIgnore
    public String key() {
        return showId + "/" + gatewayId;
    }
}
