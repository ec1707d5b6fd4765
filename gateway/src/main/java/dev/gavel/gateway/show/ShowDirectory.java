package dev.gavel.gateway.show;

import dev.gavel.events.LotView;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowStatus;
import dev.gavel.events.ShowView;
import dev.gavel.gateway.auction.Subscriber;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.ServerMessage;
import dev.gavel.gateway.protocol.ShowDto;
import dev.gavel.gateway.protocol.TextFrame;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every show this gateway instance knows, as the shows' topics tell it, and who watches each. A change of a show goes
 * to its viewers as one frame encoded once, carrying the whole show (a show changes a few times a minute, so the
 * viewer never has to fold events). When a lot starts, each viewer is attached to its auction.
 */
public class ShowDirectory {

    private static final Logger log = LoggerFactory.getLogger(ShowDirectory.class);

    /** Live shows first, then the scheduled ones soonest first, then the ended ones latest first. */
    private static final Comparator<ShowView> LOBBY_ORDER = Comparator.comparingInt(ShowDirectory::rank)
            .thenComparingLong(show -> show.status() == ShowStatus.ENDED
                    ? -show.endedAt().toEpochMilli()
                    : show.scheduledStart().toEpochMilli())
            .thenComparing(ShowView::id);

    private final FrameWriter frames;
    private final Map<String, LiveShow> shows = new ConcurrentHashMap<>();

    public ShowDirectory(FrameWriter frames) {
        this.frames = frames;
    }

    /** Loads a snapshot of {@code show-state}; a tombstone forgets the show. An older snapshot changes nothing. */
    public void restore(String showId, ShowView view) {
        if (view == null) {
            shows.remove(showId);
            return;
        }
        shows.compute(showId, (id, live) -> {
            if (live == null) {
                return new LiveShow(view);
            }
            live.restore(view);
            return live;
        });
    }

    /**
     * Applies a show event and sends the change to the show's viewers.
     *
     * @return the show after it, or null if it was seen already or belongs to a show not known here
     */
    public ShowView publish(ShowEvent event) {
        if (event instanceof ShowEvent.ShowCreated created) {
            LiveShow added = new LiveShow(created.show());
            return shows.putIfAbsent(event.showId(), added) == null ? created.show() : null;
        }
        LiveShow live = shows.get(event.showId());
        if (live == null) {
            log.warn("Skipping event {} of unknown show {}", event.seq(), event.showId());
            return null;
        }
        return live.apply(event);
    }

    public Optional<ShowView> find(String showId) {
        return Optional.ofNullable(shows.get(showId)).map(LiveShow::view);
    }

    /** Every show known here, for the lobby: live first, then upcoming, then ended. */
    public List<ShowView> list() {
        return shows.values().stream().map(LiveShow::view).sorted(LOBBY_ORDER).toList();
    }

    /**
     * Subscribes to a show: a snapshot unless {@code lastSeq} is its seq already, then every change; {@code followLot}
     * is given the auction of every lot that starts from now on, and of the running lot at once.
     *
     * @return false if the show is unknown
     */
    public boolean subscribe(
            Subscriber subscriber, String requestId, String showId, Long lastSeq, Consumer<String> followLot) {
        LiveShow live = shows.get(showId);
        if (live == null) {
            return false;
        }
        live.subscribe(subscriber, requestId, lastSeq, followLot);
        return true;
    }

    public void unsubscribe(Subscriber subscriber, String showId) {
        LiveShow live = shows.get(showId);
        if (live != null) {
            live.unsubscribe(subscriber);
        }
    }

    public int size() {
        return shows.size();
    }

    /** The shows watched on this instance, with how many watch each. */
    public Map<String, Integer> viewerCounts() {
        Map<String, Integer> counts = new HashMap<>();
        shows.forEach((id, live) -> {
            int viewers = live.viewerCount();
            if (viewers > 0) {
                counts.put(id, viewers);
            }
        });
        return counts;
    }

    /** Sends a frame to the viewers of a show; one that lags keeps only the latest of them. */
    public void toViewers(String showId, TextFrame frame) {
        LiveShow live = shows.get(showId);
        if (live != null) {
            live.deliverToViewers("show-viewers:" + showId, frame);
        }
    }

    private static int rank(ShowView show) {
        if (show.status() == ShowStatus.LIVE) {
            return 0;
        }
        return show.status() == ShowStatus.SCHEDULED ? 1 : 2;
    }

    static String channel(String showId) {
        return "show:" + showId;
    }

    /** One show and its viewers. Events come from the feed's thread, subscriptions from the sessions'. */
    private final class LiveShow {

        private ShowView view;
        private final Map<Subscriber, Consumer<String>> viewers = new LinkedHashMap<>();

        LiveShow(ShowView view) {
            this.view = view;
        }

        synchronized ShowView view() {
            return view;
        }

        synchronized void restore(ShowView snapshot) {
            if (snapshot.seq() > view.seq()) {
                view = snapshot;
            }
        }

        synchronized ShowView apply(ShowEvent event) {
            if (event.seq() <= view.seq()) {
                return null;
            }
            view = view.apply(event);
            ShowDto show = ShowDto.of(view);
            TextFrame frame = frames.encode(new ServerMessage.ShowUpdated(
                    view.id(), view.seq(), event.eventType(), ShowUpdates.lotOf(event), show, frames.now()));
            // Behind on a show, a viewer needs its latest state only: every change carries the whole show.
            TextFrame latest = frames.encode(new ServerMessage.ShowSnapshot(null, show, true, frames.now()));
            viewers.keySet().forEach(viewer -> viewer.deliver(channel(view.id()), frame, () -> latest));
            if (event instanceof ShowEvent.LotStarted started) {
                viewers.values().forEach(follow -> follow.accept(started.auctionId()));
            }
            return view;
        }

        synchronized void subscribe(Subscriber subscriber, String requestId, Long lastSeq, Consumer<String> followLot) {
            viewers.put(subscriber, followLot);
            ServerMessage reply = lastSeq != null && lastSeq == view.seq()
                    ? new ServerMessage.Subscribed(requestId, channel(view.id()), frames.now())
                    : new ServerMessage.ShowSnapshot(
                            requestId, ShowDto.of(view), lastSeq == null ? null : Boolean.TRUE, frames.now());
            subscriber.deliver(channel(view.id()), frames.encode(reply), null);
            view.currentLot().map(LotView::auctionId).ifPresent(followLot);
        }

        synchronized void unsubscribe(Subscriber subscriber) {
            viewers.remove(subscriber);
        }

        synchronized int viewerCount() {
            return viewers.size();
        }

        synchronized void deliverToViewers(String channel, TextFrame frame) {
            viewers.keySet().forEach(viewer -> viewer.deliver(channel, frame, () -> frame));
        }
    }
}
