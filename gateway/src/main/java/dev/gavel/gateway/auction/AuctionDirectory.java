package dev.gavel.gateway.auction;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.AuctionView;
import dev.gavel.events.JsonSerde;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.ServerMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's live view of every auction: the latest snapshot, the recent events (for resuming subscribers) and
 * who is subscribed. Events and subscriptions of one auction are serialized on its entry, so a subscriber gets the
 * snapshot or the replayed events first and then every later event, with no gap and no duplicate.
 *
 * <p>An auction's stream goes to its subscribers at most once per frame interval. An event that comes after a quiet
 * interval goes out at once; events that come faster wait for the end of the interval and go out together in one
 * {@code events} frame. A show with thousands of viewers and dozens of bids a second thus costs the gateway a frame
 * per viewer per interval, not per bid, and every viewer still gets every event. The ending goes out at once.
 */
public class AuctionDirectory {

    private static final Logger log = LoggerFactory.getLogger(AuctionDirectory.class);

    /** Runs a task after a delay: one scheduler thread in the gateway, by hand in tests. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayMillis);
    }

    private final Map<String, LiveAuction> auctions = new ConcurrentHashMap<>();
    private final Set<Subscriber> lobby = ConcurrentHashMap.newKeySet();
    private final FrameWriter frames;
    private final int replayLimit;
    private final long frameIntervalMillis;
    private final Scheduler scheduler;

    /**
     * @param frameInterval the shortest time between two frames of an auction's stream; zero sends every event at once
     */
    public AuctionDirectory(FrameWriter frames, int replayLimit, Duration frameInterval, Scheduler scheduler) {
        this.frames = frames;
        this.replayLimit = replayLimit;
        this.frameIntervalMillis = frameInterval.toMillis();
        this.scheduler = scheduler;
    }

    /** An event written for subscribers, waiting for the auction's next frame. */
    private record Waiting(long seq, String frame) {}

    /**
     * A recent event kept for resuming subscribers, as its JSON. Decoded, an event with its strings, users and
     * instants took twice the heap, and a gateway keeps hundreds of thousands of them; a resume is rare and decodes
     * the few it replays.
     */
    private record Kept(long seq, byte[] json) {}

    private static final JsonSerde<AuctionEvent> KEPT_EVENTS = JsonSerde.events();
    /**
     * How many recent events an ended auction keeps, for the ten minutes or so the directory still holds it. Only a
     * subscriber that was a few events behind at the end needs them; any other gets the final state (a resync).
     */
    static final int ENDED_REPLAY_LIMIT = 16;

    /** Names the kept events in a serialization error. */
    private static final String RECENT = "recent events";

    private final class LiveAuction {
        final String id;
        AuctionView view;
        final ArrayDeque<Kept> recent = new ArrayDeque<>();
        final Set<Subscriber> subscribers = new LinkedHashSet<>();
        /**
         * Subscribers that asked for the latest state only: one {@code auction-state} per frame, not the events. It
         * carries only what changes while an auction runs, less than half the bytes of a snapshot, for each of
         * thousands of viewers ten times a second.
         */
        final Set<Subscriber> latestOnly = new LinkedHashSet<>();
        /** Events not sent to the subscribers yet. */
        final List<Waiting> waiting = new ArrayList<>();
        /**
         * Subscribers that joined while events waited, with the seq their snapshot or replay reached: they must not
         * get those events again.
         */
        final Map<Subscriber, Long> joinedAt = new HashMap<>();

        long lastFrameAt = Long.MIN_VALUE;
        boolean flushScheduled;

        LiveAuction(String id, AuctionView view) {
            this.id = id;
            this.view = view;
        }

        /** Sends the waiting events to every subscriber, in one frame when there are several. */
        void flush(long now) {
            Supplier<String> latest = latestState(view);
            String state = null;
            for (Subscriber subscriber : latestOnly) {
                Long reached = joinedAt.get(subscriber);
                if (reached == null || reached < view.seq()) {
                    if (state == null) {
                        state = frames.write(frames.state(view));
                    }
                    // Falling behind, it gets the whole snapshot: a conflation may replace the one it subscribed with.
                    subscriber.deliver(id, state, latest);
                }
            }
            String frame = frameOf(waiting);
            for (Subscriber subscriber : subscribers) {
                Long reached = joinedAt.get(subscriber);
                if (reached == null) {
                    subscriber.deliver(id, frame, latest);
                } else {
                    List<Waiting> unseen = waiting.stream()
                            .filter(event -> event.seq() > reached)
                            .toList();
                    if (!unseen.isEmpty()) {
                        subscriber.deliver(id, frameOf(unseen), latest);
                    }
                }
            }
            waiting.clear();
            joinedAt.clear();
            lastFrameAt = now;
        }

        private String frameOf(List<Waiting> events) {
            if (events.size() == 1) {
                return events.get(0).frame();
            }
            return frames.write(
                    frames.events(id, events.stream().map(Waiting::frame).toList()));
        }

        Set<Subscriber> following() {
            Set<Subscriber> following = new HashSet<>(subscribers);
            following.addAll(latestOnly);
            return following;
        }

        void remember(AuctionEvent event) {
            recent.addLast(new Kept(event.seq(), KEPT_EVENTS.serialize(RECENT, event)));
            int limit = event instanceof AuctionEvent.AuctionEnded
                    ? Math.min(replayLimit, ENDED_REPLAY_LIMIT)
                    : replayLimit;
            while (recent.size() > limit) {
                recent.removeFirst();
            }
        }

        /** The events after {@code lastSeq}, or null if some of them are no longer kept. */
        List<AuctionEvent> since(long lastSeq) {
            long oldest = recent.isEmpty() ? view.seq() + 1 : recent.peekFirst().seq();
            if (lastSeq + 1 < oldest) {
                return null;
            }
            return recent.stream()
                    .filter(kept -> kept.seq() > lastSeq)
                    .map(kept -> KEPT_EVENTS.deserialize(RECENT, kept.json()))
                    .toList();
        }
    }

    /**
     * Loads a snapshot from the compacted state topic at startup. A null view forgets the auction, and so does the
     * snapshot of an auction that ended before {@code forgetEndedBefore}: the topic keeps ended auctions much longer
     * than the directory does ({@link #evictEndedBefore}), and loading them all only to evict them costs the heap.
     */
    public void restore(String auctionId, AuctionView view, Instant forgetEndedBefore) {
        if (view == null || (view.endedAt() != null && view.endedAt().isBefore(forgetEndedBefore))) {
            auctions.remove(auctionId);
            return;
        }
        auctions.compute(auctionId, (id, live) -> {
            if (live == null) {
                return new LiveAuction(id, view);
            }
            synchronized (live) {
                if (view.seq() > live.view.seq()) {
                    live.view = view;
                    live.recent.clear();
                    live.waiting.clear();
                    live.joinedAt.clear();
                }
            }
            return live;
        });
    }

    /**
     * Applies the next event of an auction and sends it to its subscribers (and the lobby, for creations and
     * endings).
     *
     * @return the auction after the event, or null if the event does not follow what the directory knows
     */
    public AuctionView publish(AuctionEvent event) {
        if (event instanceof AuctionEvent.AuctionCreated created) {
            boolean[] isNew = {false};
            LiveAuction live = auctions.computeIfAbsent(event.auctionId(), id -> {
                isNew[0] = true;
                return new LiveAuction(id, created.auction());
            });
            if (!isNew[0]) {
                return null; // already known: from the state topic, or this creation was read before
            }
            synchronized (live) {
                live.remember(event);
            }
            broadcastToLobby(frames.write(frames.forLobby(event)), event.auctionId(), Set.of());
            return created.auction();
        }
        LiveAuction live = auctions.get(event.auctionId());
        if (live == null) {
            log.warn("Event {} of unknown auction {}", event.seq(), event.auctionId());
            return null;
        }
        AuctionView after;
        Set<Subscriber> subscribed;
        synchronized (live) {
            if (event.seq() <= live.view.seq()) {
                return null; // already in the snapshot this directory started from
            }
            if (event.seq() != live.view.seq() + 1) {
                log.error("Auction {} jumped from seq {} to {}", event.auctionId(), live.view.seq(), event.seq());
                return null;
            }
            after = live.view.apply(event);
            live.view = after;
            live.remember(event);
            live.waiting.add(new Waiting(event.seq(), frames.write(frames.forSubscribers(event))));
            long now = frames.now();
            long due = live.lastFrameAt + frameIntervalMillis;
            if (now >= due || event instanceof AuctionEvent.AuctionEnded) {
                live.flush(now);
            } else if (!live.flushScheduled) {
                live.flushScheduled = true;
                scheduler.schedule(() -> flushWaiting(live), due - now);
            }
            subscribed = event instanceof AuctionEvent.AuctionEnded ? live.following() : Set.of();
        }
        if (event instanceof AuctionEvent.AuctionEnded) {
            // A client in the lobby that also follows the auction has just had the ending: once is enough.
            broadcastToLobby(frames.write(frames.forLobby(event)), event.auctionId(), subscribed);
        }
        return after;
    }

    private void flushWaiting(LiveAuction live) {
        synchronized (live) {
            live.flushScheduled = false;
            if (!live.waiting.isEmpty()) {
                live.flush(frames.now());
            }
        }
    }

    private void broadcastToLobby(String frame, String auctionId, Set<Subscriber> alreadySent) {
        for (Subscriber subscriber : lobby) {
            if (!alreadySent.contains(subscriber)) {
                subscriber.deliver(auctionId, frame, null);
            }
        }
    }

    /**
     * Sends a frame of the lobby's own (not about one auction) to every lobby subscriber. It is the latest state of
     * {@code channel}: a subscriber that lags behind keeps only the newest frame of that channel.
     */
    public void toLobby(String channel, String frame) {
        for (Subscriber subscriber : lobby) {
            subscriber.deliver(channel, frame, () -> frame);
        }
    }

    public Optional<AuctionView> find(String auctionId) {
        LiveAuction live = auctions.get(auctionId);
        if (live == null) {
            return Optional.empty();
        }
        synchronized (live) {
            return Optional.of(live.view);
        }
    }

    /** Open auctions, ending soonest first. */
    public List<AuctionView> openAuctions() {
        List<AuctionView> open = new ArrayList<>();
        for (LiveAuction live : auctions.values()) {
            synchronized (live) {
                if (live.view.status() == AuctionStatus.OPEN) {
                    open.add(live.view);
                }
            }
        }
        open.sort(Comparator.comparing(AuctionView::endsAt).thenComparing(AuctionView::id));
        return open;
    }

    /**
     * Subscribes to an auction. Without {@code lastSeq} the subscriber gets a snapshot; with it, the events it
     * missed, or a snapshot marked {@code resync} when they are no longer kept. A subscriber of the latest state only
     * gets a snapshot, and then, while the auction changes, at most one {@code auction-state} per frame instead of the
     * events: a viewer of a busy show that needs the price, not every bid.
     *
     * @return false if the auction is unknown
     */
    public boolean subscribe(
            Subscriber subscriber, String requestId, String auctionId, Long lastSeq, boolean latestOnly) {
        LiveAuction live = auctions.get(auctionId);
        if (live == null) {
            return false;
        }
        synchronized (live) {
            List<AuctionEvent> missed =
                    latestOnly || lastSeq == null || lastSeq > live.view.seq() ? null : live.since(lastSeq);
            Supplier<String> latest = latestState(live.view);
            if (missed == null) {
                ServerMessage snapshot = frames.snapshot(requestId, live.view, lastSeq != null);
                subscriber.deliver(auctionId, frames.write(snapshot), latest);
            } else {
                for (AuctionEvent event : missed) {
                    subscriber.deliver(auctionId, frames.write(frames.forSubscribers(event)), latest);
                }
                subscriber.deliver(
                        auctionId,
                        frames.write(new ServerMessage.Subscribed(requestId, "auction:" + auctionId, frames.now())),
                        null);
            }
            live.subscribers.remove(subscriber);
            live.latestOnly.remove(subscriber);
            (latestOnly ? live.latestOnly : live.subscribers).add(subscriber);
            if (!live.waiting.isEmpty()) {
                live.joinedAt.put(subscriber, live.view.seq());
            }
        }
        return true;
    }

    /** A snapshot of {@code view} marked resync, written at most once however many subscribers lag behind. */
    private Supplier<String> latestState(AuctionView view) {
        String[] written = {null};
        return () -> {
            if (written[0] == null) {
                written[0] = frames.write(frames.snapshot(null, view, true));
            }
            return written[0];
        };
    }

    public void unsubscribe(Subscriber subscriber, String auctionId) {
        LiveAuction live = auctions.get(auctionId);
        if (live != null) {
            synchronized (live) {
                live.subscribers.remove(subscriber);
                live.latestOnly.remove(subscriber);
                live.joinedAt.remove(subscriber);
            }
        }
    }

    public void subscribeLobby(Subscriber subscriber) {
        lobby.add(subscriber);
    }

    public void unsubscribeLobby(Subscriber subscriber) {
        lobby.remove(subscriber);
    }

    public int size() {
        return auctions.size();
    }

    public int subscriptions() {
        int count = 0;
        for (LiveAuction live : auctions.values()) {
            synchronized (live) {
                count += live.subscribers.size() + live.latestOnly.size();
            }
        }
        return count;
    }

    /** Forgets auctions that ended before {@code cutoff}; their subscribers have seen the end. */
    public int evictEndedBefore(Instant cutoff) {
        int evicted = 0;
        for (Iterator<LiveAuction> it = auctions.values().iterator(); it.hasNext(); ) {
            LiveAuction live = it.next();
            synchronized (live) {
                if (live.view.endedAt() != null && live.view.endedAt().isBefore(cutoff)) {
                    it.remove();
                    evicted++;
                }
            }
        }
        return evicted;
    }
}
