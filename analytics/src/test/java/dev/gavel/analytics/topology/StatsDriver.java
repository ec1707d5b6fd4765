package dev.gavel.analytics.topology;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowStats;
import dev.gavel.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The statistics topology in a TopologyTestDriver: events in, the records of show-stats out. */
final class StatsDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, AuctionEvent> events;
    private final TestInputTopic<String, ShowEvent> showEvents;
    private final TestOutputTopic<String, ShowStats> stats;

    StatsDriver(StatsSettings settings, Path stateDir) {
        this(settings, stateDir, AnalyticsMetrics.unobserved());
    }

    StatsDriver(StatsSettings settings, Path stateDir, AnalyticsMetrics metrics) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // Every update is forwarded at once, so that each input's effect can be read right after it.
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(ShowStatsTopology.build(settings, metrics), config);
        events = driver.createInputTopic(
                Topics.AUCTION_EVENTS, Serdes.String().serializer(), JsonSerde.events(), Instant.EPOCH, Duration.ZERO);
        showEvents = driver.createInputTopic(
                Topics.SHOW_EVENTS, Serdes.String().serializer(), JsonSerde.showEvents(), Instant.EPOCH, Duration.ZERO);
        stats = driver.createOutputTopic(Topics.SHOW_STATS, Serdes.String().deserializer(), JsonSerde.stats());
    }

    /** Pipes events as the processor writes them: keyed by auction, the record time being the event's. */
    StatsDriver pipe(AuctionEvent... piped) {
        for (AuctionEvent event : piped) {
            events.pipeInput(event.auctionId(), event, event.at());
        }
        return this;
    }

    /** Pipes show events as the processor writes them: keyed by show. */
    StatsDriver pipe(ShowEvent... piped) {
        for (ShowEvent event : piped) {
            showEvents.pipeInput(event.showId(), event, event.at());
        }
        return this;
    }

    /** Pipes events whose record time says nothing of when they happened. */
    StatsDriver pipeWithRecordTime(Instant recordTime, AuctionEvent... piped) {
        for (AuctionEvent event : piped) {
            events.pipeInput(event.auctionId(), event, recordTime);
        }
        return this;
    }

    /** Every statistic published since the last read, in order. */
    List<ShowStats> published() {
        return stats.readValuesToList();
    }

    /** The latest value of every key published since the last read: what a compacted topic would keep. */
    Map<String, ShowStats> latest() {
        return stats.readKeyValuesToMap();
    }

    @Override
    public void close() {
        driver.close();
    }
}
