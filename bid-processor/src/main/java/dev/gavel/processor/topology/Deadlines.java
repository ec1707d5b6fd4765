package dev.gavel.processor.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The index of what is due when: keys sort by due time (zero-padded epoch millis), so the punctuator reads only the
 * entries that are due, whatever the number of open auctions.
 */
final class Deadlines {

    enum Kind {
        CLOSE,
        EXPIRE
    }

    /** A due entry: what to do with which auction. */
    record Due(String key, Kind kind, String auctionId, long dueMillis) {}

    private static final String SEPARATOR = "|";

    private final KeyValueStore<String, String> store;

    Deadlines(KeyValueStore<String, String> store) {
        this.store = store;
    }

    void schedule(Kind kind, String auctionId, Instant due) {
        store.put(key(kind, auctionId, due.toEpochMilli()), auctionId);
    }

    /** Removes the entry and returns its key. */
    String cancel(Kind kind, String auctionId, Instant due) {
        String key = key(kind, auctionId, due.toEpochMilli());
        store.delete(key);
        return key;
    }

    void remove(Due due) {
        store.delete(due.key());
    }

    /** Entries due at or before {@code now}, oldest first. */
    List<Due> dueAt(long now) {
        List<Due> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = store.range(null, String.format("%013d~", now))) {
            while (entries.hasNext()) {
                KeyValue<String, String> entry = entries.next();
                String[] parts = entry.key.split("\\|", 3);
                due.add(new Due(entry.key, Kind.valueOf(parts[1]), entry.value, Long.parseLong(parts[0])));
            }
        }
        return due;
    }

    private static String key(Kind kind, String auctionId, long dueMillis) {
        return String.format("%013d", dueMillis) + SEPARATOR + kind.name() + SEPARATOR + auctionId;
    }
}
