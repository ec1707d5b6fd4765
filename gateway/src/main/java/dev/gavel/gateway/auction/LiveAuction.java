package dev.gavel.gateway.auction;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionView;
import dev.gavel.events.JsonSerde;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.ServerMessage;
import dev.gavel.gateway.protocol.TextFrame;
import dev.gavel.gateway.threads.Scheduler;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One auction as the gateway serves it live: its latest state, its recent events (for resuming subscribers), its
 * subscribers and the events that wait for its next frame. All of it is guarded by this object's lock, so a subscriber
 * gets the snapshot or the replayed events first and then every later event, with no gap and no duplicate.
 *
 * <p>Its stream goes to its subscribers at most once per frame interval. An event that comes after a quiet interval
 * goes out at once; events that come faster wait for the end of the interval and go out together in one {@code events}
 * frame. A show with thousands of viewers and dozens of bids a second thus costs the gateway a frame per viewer per
 * interval, not per bid, and every viewer still gets every event. The ending goes out at once. Each frame is written
 * and encoded here once, and the same bytes are handed to every subscriber.
 */
final class LiveAuction {

    private static final Logger log = LoggerFactory.getLogger(LiveAuction.class);

    /**
     * What every auction's stream shares: how frames are written, how many recent events are kept, the shortest time
     * between two frames (zero sends every event at once), the most frames a second one auction's stream may cost its
     * subscribers of every event, and the timer that sends the events that waited.
     */
    record Settings(
            FrameWriter frames, int replayLimit, long frameIntervalMillis, int framesPerSecond, Scheduler scheduler) {}

    /** An event that followed: the auction after it, and who followed the auction when it was sent. */
    record Applied(AuctionView after, Set<Subscriber> following) {}

    /**
     * How many recent events an ended auction keeps, for the ten minutes or so the directory still holds it. Only a
     * subscriber that was a few events behind at the end needs them; any other gets the final state (a resync).
     */
    static final int ENDED_REPLAY_LIMIT = 16;

    private static final JsonSerde<AuctionEvent> KEPT_EVENTS = JsonSerde.events();

    /** Names the kept events in a serialization error. */
    private static final String RECENT = "recent events";

    /** An event written for subscribers, waiting for the auction's next frame (alone, or inside an events frame). */
    private record Waiting(long seq, TextFrame frame) {}

    /**
     * A recent event kept for resuming subscribers, as its JSON. Decoded, an event with its strings, users and
     * instants took twice the heap, and a gateway keeps hundreds of thousands of them; a resume is rare and decodes
     * the few it replays.
     */
    private record Kept(long seq, byte[] json) {}

    private final String id;
    private final Settings settings;
    private AuctionView view;
    private final ArrayDeque<Kept> recent = new ArrayDeque<>();
    private final Set<Subscriber> subscribers = new LinkedHashSet<>();
    /**
     * Subscribers that asked for the latest state only: one {@code auction-state} per frame, not the events. It
     * carries only what changes while an auction runs, less than half the bytes of a snapshot, for each of thousands
     * of viewers ten times a second.
     */
    private final Set<Subscriber> latestOnly = new LinkedHashSet<>();
    /** Events not sent to the subscribers yet. */
    private final List<Waiting> waiting = new ArrayList<>();
    /**
     * Subscribers that joined while events waited, with the seq their snapshot or replay reached: they must not get
     * those events again.
     */
    private final Map<Subscriber, Long> joinedAt = new HashMap<>();

    private long lastFrameAt = Long.MIN_VALUE;
    private boolean flushScheduled;

    private LiveAuction(String id, AuctionView view, Settings settings) {
        this.id = id;
        this.view = view;
        this.settings = settings;
    }

    /** An auction first known from a snapshot: the events before it were never seen here. */
    static LiveAuction restored(String id, AuctionView view, Settings settings) {
        return new LiveAuction(id, view, settings);
    }

    /** An auction first known from its creation, which it keeps for subscribers that resume from the start. */
    static LiveAuction created(AuctionEvent.AuctionCreated created, Settings settings) {
        LiveAuction live = new LiveAuction(created.auctionId(), created.auction(), settings);
        live.remember(created);
        return live;
    }

    synchronized AuctionView view() {
        return view;
    }

    /** Takes a newer snapshot from the state topic; the events kept and waiting are older than it. */
    synchronized void restore(AuctionView snapshot) {
        if (snapshot.seq() > view.seq()) {
            view = snapshot;
            recent.clear();
            waiting.clear();
            joinedAt.clear();
        }
    }

    /**
     * Applies the next event and sends it to the subscribers, at once or with the next frame.
     *
     * @return the auction after the event, or null if the event does not follow what is known
     */
    synchronized Applied apply(AuctionEvent event) {
        if (event.seq() <= view.seq()) {
            return null; // already in the snapshot the gateway started from
        }
        if (event.seq() != view.seq() + 1) {
            log.error("Auction {} jumped from seq {} to {}", id, view.seq(), event.seq());
            return null;
        }
        FrameWriter frames = settings.frames();
        view = view.apply(event);
        remember(event);
        waiting.add(new Waiting(event.seq(), frames.encode(frames.forSubscribers(event))));
        long now = frames.now();
        long due = lastFrameAt + frameIntervalMillis();
        boolean ended = event instanceof AuctionEvent.AuctionEnded;
        if (now >= due || ended) {
            flush(now);
        } else if (!flushScheduled) {
            flushScheduled = true;
            settings.scheduler().schedule(this::flushWaiting, due - now);
        }
        return new Applied(view, ended ? following() : Set.of());
    }

    /**
     * Subscribes: without {@code lastSeq} a snapshot; with it, the events missed, or a snapshot marked {@code resync}
     * when they are no longer kept. A subscriber of the latest state only gets a snapshot, and then at most one
     * {@code auction-state} per frame.
     */
    synchronized void subscribe(Subscriber subscriber, String requestId, Long lastSeq, boolean latest) {
        FrameWriter frames = settings.frames();
        List<AuctionEvent> missed = latest || lastSeq == null || lastSeq > view.seq() ? null : since(lastSeq);
        Supplier<TextFrame> latestState = latestState();
        if (missed == null) {
            ServerMessage snapshot = frames.snapshot(requestId, view, lastSeq != null);
            subscriber.deliver(id, frames.encode(snapshot), latestState);
        } else {
            for (AuctionEvent event : missed) {
                subscriber.deliver(id, frames.encode(frames.forSubscribers(event)), latestState);
            }
            subscriber.deliver(
                    id, frames.encode(new ServerMessage.Subscribed(requestId, "auction:" + id, frames.now())), null);
        }
        subscribers.remove(subscriber);
        latestOnly.remove(subscriber);
        (latest ? latestOnly : subscribers).add(subscriber);
        if (!waiting.isEmpty()) {
            joinedAt.put(subscriber, view.seq());
        }
    }

    synchronized void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
        latestOnly.remove(subscriber);
        joinedAt.remove(subscriber);
    }

    synchronized int subscriptions() {
        return subscribers.size() + latestOnly.size();
    }

    synchronized boolean endedBefore(Instant cutoff) {
        return view.endedAt() != null && view.endedAt().isBefore(cutoff);
    }

    /**
     * The shortest time between two frames: the gateway's interval, or longer where the auction has so many
     * subscribers of every event that a frame per interval to each would pass the budget of frames a second. Every
     * event still reaches every one of them, in fewer frames.
     */
    private long frameIntervalMillis() {
        return Math.max(settings.frameIntervalMillis(), subscribers.size() * 1000L / settings.framesPerSecond());
    }

    private synchronized void flushWaiting() {
        flushScheduled = false;
        if (!waiting.isEmpty()) {
            flush(settings.frames().now());
        }
    }

    /** Sends the waiting events to every subscriber, in one frame when there are several. */
    private void flush(long now) {
        FrameWriter frames = settings.frames();
        Supplier<TextFrame> latestState = latestState();
        TextFrame state = null;
        for (Subscriber subscriber : latestOnly) {
            Long reached = joinedAt.get(subscriber);
            if (reached == null || reached < view.seq()) {
                if (state == null) {
                    state = frames.encode(frames.state(view));
                }
                // Falling behind, it gets the whole snapshot: a conflation may replace the one it subscribed with.
                subscriber.deliver(id, state, latestState);
            }
        }
        TextFrame frame = subscribers.isEmpty() ? null : frameOf(waiting);
        for (Subscriber subscriber : subscribers) {
            Long reached = joinedAt.get(subscriber);
            if (reached == null) {
                subscriber.deliver(id, frame, latestState);
            } else {
                List<Waiting> unseen =
                        waiting.stream().filter(event -> event.seq() > reached).toList();
                if (!unseen.isEmpty()) {
                    subscriber.deliver(id, frameOf(unseen), latestState);
                }
            }
        }
        waiting.clear();
        joinedAt.clear();
        lastFrameAt = now;
    }

    private TextFrame frameOf(List<Waiting> events) {
        if (events.size() == 1) {
            return events.get(0).frame();
        }
        FrameWriter frames = settings.frames();
        return frames.encode(
                frames.events(id, events.stream().map(Waiting::frame).toList()));
    }

    /** A snapshot of the current state marked resync, written at most once however many subscribers lag behind. */
    private Supplier<TextFrame> latestState() {
        AuctionView current = view;
        FrameWriter frames = settings.frames();
        TextFrame[] written = {null};
        return () -> {
            if (written[0] == null) {
                written[0] = frames.encode(frames.snapshot(null, current, true));
            }
            return written[0];
        };
    }

    private Set<Subscriber> following() {
        Set<Subscriber> following = new HashSet<>(subscribers);
        following.addAll(latestOnly);
        return following;
    }

    private void remember(AuctionEvent event) {
        recent.addLast(new Kept(event.seq(), KEPT_EVENTS.serialize(RECENT, event)));
        int limit = event instanceof AuctionEvent.AuctionEnded
                ? Math.min(settings.replayLimit(), ENDED_REPLAY_LIMIT)
                : settings.replayLimit();
        while (recent.size() > limit) {
            recent.removeFirst();
        }
    }

    /** The events after {@code lastSeq}, or null if some of them are no longer kept. */
    private List<AuctionEvent> since(long lastSeq) {
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
