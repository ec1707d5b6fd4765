package dev.gavel.processor.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What the gateway instances announced on one partition (ADR 13): each instance's watermark says that every command
 * it received before that time is in the partition ahead of the watermark. An auction can close once every instance
 * still waited for has passed its end: no bid received in time can still come.
 *
 * <p>Which instances are waited for is decided by the log alone, so that a close made on a watermark is the same
 * decision in a replay (ADR 19): the watermarks are kept in a store, and an instance whose last watermark is
 * {@code gatewayTimeout} behind the newest one on the partition is no longer waited for (it stopped, or a command it
 * received that long ago is still not written). A bid it received in time but writes after the close is too late, as
 * when no instance is known. Times are the gateways' clock, in epoch milliseconds.
 */
final class GatewayWatermarks {

    private final KeyValueStore<String, Long> store;
    private final long gatewayTimeout;

    /** The store's content, read once when the task starts and written through. */
    private final Map<String, Long> latest = new HashMap<>();

    GatewayWatermarks(KeyValueStore<String, Long> store, Duration gatewayTimeout) {
        this.store = store;
        this.gatewayTimeout = gatewayTimeout.toMillis();
        try (KeyValueIterator<String, Long> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                latest.put(entry.key, entry.value);
            }
        }
    }

    /** Whether any instance is waited for: one that announced itself and has not fallen behind. */
    boolean anyKnown() {
        return !latest.isEmpty();
    }

    /**
     * Takes an instance's watermark (one that goes back is ignored: it cannot, but records can be old) and returns
     * the time every instance still waited for has passed.
     */
    long heard(String gatewayId, long watermark) {
        Long previous = latest.get(gatewayId);
        if (previous == null || watermark > previous) {
            latest.put(gatewayId, watermark);
            store.put(gatewayId, watermark);
        }
        long newest = latest.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        latest.entrySet().removeIf(entry -> {
            boolean behind = entry.getValue() < newest - gatewayTimeout;
            if (behind) {
                store.delete(entry.getKey());
            }
            return behind;
        });
        return latest.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    }
}
