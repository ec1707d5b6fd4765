package dev.gavel.gateway.show;

import dev.gavel.events.ShowViewers;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.ServerMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A show's audience across every gateway instance. Once a second ({@link #tick}) this instance writes its own count of
 * each show's viewers when it changed, or every few seconds while it did not, and tells each show's viewers here the
 * total of the counts heard from every instance within the last few seconds, when that total changed. An instance
 * that stops writing stops counting: its viewers have reconnected elsewhere, or are gone.
 */
public class ViewerCounts {

    /** An unchanged count is written again this often, so that the others know the instance is still there. */
    static final Duration REPEAT = Duration.ofSeconds(2);

    /** A count not written again within this long is no longer counted. */
    static final Duration STALE = Duration.ofSeconds(5);

    private final String gatewayId;
    private final ShowDirectory shows;
    private final Consumer<ShowViewers> publisher;
    private final FrameWriter frames;
    private final Clock clock;
    private final Map<String, Map<String, ShowViewers>> heard = new ConcurrentHashMap<>();
    private final Map<String, ShowViewers> written = new HashMap<>();
    private final Map<String, Integer> told = new HashMap<>();

    public ViewerCounts(
            String gatewayId, ShowDirectory shows, Consumer<ShowViewers> publisher, FrameWriter frames, Clock clock) {
        this.gatewayId = gatewayId;
        this.shows = shows;
        this.publisher = publisher;
        this.frames = frames;
        this.clock = clock;
    }

    /** A count read from the topic, this instance's own included. */
    public void heard(ShowViewers count) {
        heard.computeIfAbsent(count.showId(), show -> new ConcurrentHashMap<>()).put(count.gatewayId(), count);
    }

    /** Writes this instance's counts that are due, then tells viewers the totals that changed. */
    public synchronized void tick() {
        Instant now = clock.instant();
        Map<String, Integer> local = shows.viewerCounts();
        Set<String> counted = new HashSet<>(local.keySet());
        counted.addAll(written.keySet());
        for (String showId : counted) {
            int viewers = local.getOrDefault(showId, 0);
            ShowViewers last = written.get(showId);
            if (last == null
                    || last.viewers() != viewers
                    || !last.at().plus(REPEAT).isAfter(now)) {
                ShowViewers count = new ShowViewers(showId, gatewayId, viewers, now);
                publisher.accept(count);
                heard(count);
                if (viewers == 0) {
                    // Its zero is written once; nothing more is owed until a viewer comes back.
                    written.remove(showId);
                } else {
                    written.put(showId, count);
                }
            }
        }
        told.keySet().retainAll(local.keySet());
        for (String showId : local.keySet()) {
            int total = total(showId, now);
            Integer before = told.put(showId, total);
            if (before == null || before != total) {
                shows.toViewers(showId, frames.encode(new ServerMessage.ShowAudience(showId, total, frames.now())));
            }
        }
    }

    /** The viewers of {@code showId} on every instance heard from within {@link #STALE}. */
    int total(String showId, Instant now) {
        Instant since = now.minus(STALE);
        return heard.getOrDefault(showId, Map.of()).values().stream()
                .filter(count -> count.at().isAfter(since))
                .mapToInt(ShowViewers::viewers)
                .sum();
    }
}
