package dev.gavel.kafka.streams;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fencing the open transactions of stream threads that left the group ({@code gavel.streams.fencing.*}); see
 * {@link DepartedMemberFencing}.
 *
 * @param enabled whether this instance looks for them
 * @param interval how often
 * @param minAge how long a transaction must have been open to be considered; a live thread's last a commit interval
 */
@ConfigurationProperties("gavel.streams.fencing")
public record FencingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("250ms") Duration interval,
        @DefaultValue("1s") Duration minAge) {

    public FencingProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("gavel.streams.fencing.interval must be positive, was " + interval);
        }
        if (minAge.isNegative() || minAge.isZero()) {
            throw new IllegalArgumentException("gavel.streams.fencing.min-age must be positive, was " + minAge);
        }
    }
}
