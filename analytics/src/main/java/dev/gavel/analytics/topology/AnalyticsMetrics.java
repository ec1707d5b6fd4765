package dev.gavel.analytics.topology;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.ShowStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * What the analytics publish about their work: the events read by type, how far behind the wall clock they were when
 * read (the statistics cannot be fresher), and the statistics published by kind. Records dropped for arriving after
 * their window's grace are Kafka Streams' own {@code dropped-records} metric.
 */
public final class AnalyticsMetrics {

    static final String EVENTS = "gavel.analytics.events";
    static final String EVENT_LAG = "gavel.analytics.event.lag";
    static final String PUBLISHED = "gavel.analytics.stats.published";

    private final MeterRegistry meters;
    private final Clock clock;
    private final Timer eventLag;

    public AnalyticsMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        this.eventLag = Timer.builder(EVENT_LAG)
                .description("Wall-clock time between an event and its reading by the analytics")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(meters);
    }

    /** For topologies nobody watches (tests that do not look). */
    public static AnalyticsMetrics unobserved() {
        return new AnalyticsMetrics(new SimpleMeterRegistry(), Clock.systemUTC());
    }

    void read(AuctionEvent event) {
        Counter.builder(EVENTS)
                .description("Auction events read, by type")
                .tag("type", event.eventType())
                .register(meters)
                .increment();
        eventLag.record(
                Duration.ofMillis(Math.max(0, clock.millis() - event.at().toEpochMilli())));
    }

    void published(ShowStats stats) {
        Counter.builder(PUBLISHED)
                .description("Statistics written to show-stats, by kind")
                .tag("kind", stats.getClass().getAnnotation(JsonTypeName.class).value())
                .register(meters)
                .increment();
    }
}
