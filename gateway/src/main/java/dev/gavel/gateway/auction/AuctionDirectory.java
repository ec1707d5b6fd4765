package dev.gavel.gateway.auction;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.AuctionView;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.TextFrame;
import dev.gavel.gateway.threads.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's live view of every auction: each one's {@link LiveAuction} by id, loaded from the state topic, kept
 * up by the events and forgotten some time after it ended; and the lobby, which hears of every creation and ending.
 */
public class AuctionDirectory {

    private static final Logger log = LoggerFactory.getLogger(AuctionDirectory.class);

    private final Map<String, LiveAuction> auctions = new ConcurrentHashMap<>();
    private final Set<Subscriber> lobby = ConcurrentHashMap.newKeySet();
    /** What waits for an auction this instance has not read yet (see {@link #whenKnown}). */
    private final Map<String, List<Runnable>> awaited = new ConcurrentHashMap<>();

    private final FrameWriter frames;
    private final LiveAuction.Settings settings;

    /**
     * @param frameInterval the shortest time between two frames of an auction's stream; zero sends every event at once
     * @param framesPerSecond the most frames a second an auction's stream is written to its subscribers of every event;
     *     more of them than that lengthens its frame interval
     */
    public AuctionDirectory(
            FrameWriter frames, int replayLimit, Duration frameInterval, int framesPerSecond, Scheduler scheduler) {
        this.frames = frames;
        this.settings =
                new LiveAuction.Settings(frames, replayLimit, frameInterval.toMillis(), framesPerSecond, scheduler);
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
                return LiveAuction.restored(id, view, settings);
            }
            live.restore(view);
            return live;
        });
        runAwaited(auctionId);
    }

    /**
     * Runs {@code then} once this instance knows the auction: at once if it does, else on the thread that reads its
     * creation (or its snapshot), right after. Each task runs once.
     */
    public void whenKnown(String auctionId, Runnable then) {
        awaited.compute(auctionId, (id, waiting) -> {
            List<Runnable> tasks = waiting == null ? new ArrayList<>() : waiting;
            tasks.add(then);
            return tasks;
        });
        // Known meanwhile, the task may have missed the run that followed the creation: this one takes it.
        if (auctions.containsKey(auctionId)) {
            runAwaited(auctionId);
        }
    }

    private void runAwaited(String auctionId) {
        List<Runnable> waiting = awaited.remove(auctionId);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
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
            auctions.computeIfAbsent(event.auctionId(), id -> {
                isNew[0] = true;
                return LiveAuction.created(created, settings);
            });
            if (!isNew[0]) {
                return null; // already known: from the state topic, or this creation was read before
            }
            runAwaited(event.auctionId());
            broadcastToLobby(event, Set.of());
            return created.auction();
        }
        LiveAuction live = auctions.get(event.auctionId());
        if (live == null) {
            log.warn("Event {} of unknown auction {}", event.seq(), event.auctionId());
            return null;
        }
        LiveAuction.Applied applied = live.apply(event);
        if (applied == null) {
            return null;
        }
        if (event instanceof AuctionEvent.AuctionEnded) {
            // A client in the lobby that also follows the auction has just had the ending: once is enough.
            broadcastToLobby(event, applied.following());
        }
        return applied.after();
    }

    private void broadcastToLobby(AuctionEvent event, Set<Subscriber> alreadySent) {
        TextFrame frame = frames.encode(frames.forLobby(event));
        for (Subscriber subscriber : lobby) {
            if (!alreadySent.contains(subscriber)) {
                subscriber.deliver(event.auctionId(), frame, null);
            }
        }
    }

    /**
     * Sends a frame of the lobby's own (not about one auction) to every lobby subscriber. It is the latest state of
     * {@code channel}: a subscriber that lags behind keeps only the newest frame of that channel.
     */
    public void toLobby(String channel, TextFrame frame) {
        for (Subscriber subscriber : lobby) {
            subscriber.deliver(channel, frame, () -> frame);
        }
    }

    public Optional<AuctionView> find(String auctionId) {
        return Optional.ofNullable(auctions.get(auctionId)).map(LiveAuction::view);
    }

    /** Open auctions, ending soonest first. */
    public List<AuctionView> openAuctions() {
        List<AuctionView> open = new ArrayList<>();
        for (LiveAuction live : auctions.values()) {
            AuctionView view = live.view();
            if (view.status() == AuctionStatus.OPEN) {
                open.add(view);
            }
        }
        open.sort(Comparator.comparing(AuctionView::endsAt).thenComparing(AuctionView::id));
        return open;
    }

    /** How many auctions {@code sellerId} has open. */
    public int openAuctionsOf(String sellerId) {
        int open = 0;
        for (LiveAuction live : auctions.values()) {
            AuctionView view = live.view();
            if (view.status() == AuctionStatus.OPEN && view.seller().id().equals(sellerId)) {
                open++;
            }
        }
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
        live.subscribe(subscriber, requestId, lastSeq, latestOnly);
        return true;
    }

    public void unsubscribe(Subscriber subscriber, String auctionId) {
        LiveAuction live = auctions.get(auctionId);
        if (live != null) {
            live.unsubscribe(subscriber);
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
            count += live.subscriptions();
        }
        return count;
    }

    /** Forgets auctions that ended before {@code cutoff}; their subscribers have seen the end. */
    public int evictEndedBefore(Instant cutoff) {
        int evicted = 0;
        for (Iterator<LiveAuction> it = auctions.values().iterator(); it.hasNext(); ) {
            if (it.next().endedBefore(cutoff)) {
                it.remove();
                evicted++;
            }
        }
        return evicted;
    }
}
