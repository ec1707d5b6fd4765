package dev.gavel.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class GatewayWatermarksTest {

    private static final long END = 1_000_000;
    private static final Duration TIMEOUT = Duration.ofMillis(1_500);

    private final KeyValueStore<String, Long> store = store();
    private final GatewayWatermarks watermarks = new GatewayWatermarks(store, TIMEOUT);

    @Test
    void everyoneHasPassedTheWatermarkOfTheSlowestGateway() {
        watermarks.heard("a", END + 7);

        assertThat(watermarks.heard("b", END + 3)).isEqualTo(END + 3);
        assertThat(watermarks.heard("a", END + 9)).isEqualTo(END + 3);
    }

    @Test
    void aGatewayTheTimeoutBehindTheNewestWatermarkIsNoLongerWaitedFor() {
        watermarks.heard("b", END - 1_000);

        assertThat(watermarks.heard("a", END + 500)).isEqualTo(END - 1_000);
        assertThat(watermarks.heard("a", END + 501)).isEqualTo(END + 501);
        assertThat(store.get("b")).isNull();
    }

    @Test
    void aGatewayNoLongerWaitedForIsWaitedForAgainOnceHeard() {
        watermarks.heard("b", END - 1_000);
        watermarks.heard("a", END + 501);

        assertThat(watermarks.heard("b", END + 400)).isEqualTo(END + 400);
    }

    @Test
    void aWatermarkNeverGoesBack() {
        watermarks.heard("a", END + 20);

        assertThat(watermarks.heard("a", END + 5)).isEqualTo(END + 20);
        assertThat(store.get("a")).isEqualTo(END + 20);
    }

    @Test
    void theGatewaysOutliveARestartOfTheTask() {
        watermarks.heard("a", END + 7);
        watermarks.heard("b", END - 2);

        GatewayWatermarks restarted = new GatewayWatermarks(store, TIMEOUT);

        assertThat(restarted.anyKnown()).isTrue();
        assertThat(restarted.heard("a", END + 9)).isEqualTo(END - 2);
    }

    @Test
    void noGatewayIsKnownBeforeOneIsHeard() {
        assertThat(watermarks.anyKnown()).isFalse();
    }

    private static KeyValueStore<String, Long> store() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "gateway-watermarks-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, Object> context = new MockProcessorContext<>(config);
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StoreNames.GATEWAY_WATERMARKS), Serdes.String(), Serdes.Long())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
