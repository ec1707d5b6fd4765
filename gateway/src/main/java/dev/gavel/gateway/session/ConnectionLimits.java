package dev.gavel.gateway.session;

import dev.gavel.events.UserRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many WebSockets each signed-in user has open; anonymous viewers are not counted. */
final class ConnectionLimits {

    private final int maxPerUser;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    ConnectionLimits(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    /**
     * Counts a connection that opened.
     *
     * @return false if it is one more than the user may have: it is counted all the same until it closes
     */
    boolean opened(UserRef user) {
        return user == null
                || open.computeIfAbsent(user.id(), id -> new AtomicInteger()).incrementAndGet() <= maxPerUser;
    }

    void closed(UserRef user) {
        if (user != null) {
            open.computeIfPresent(user.id(), (id, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }
}
