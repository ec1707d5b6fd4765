package dev.gavel.gateway.show;

import dev.gavel.events.ShowEvent;

/** What the protocol says of a show event besides the whole show after it. */
public final class ShowUpdates {

    private ShowUpdates() {}

    /** The lot the event concerned, or null for the show's own events. */
    public static Integer lotOf(ShowEvent event) {
        if (event instanceof ShowEvent.LotAdded added) {
            return added.lot().lotNo();
        }
        if (event instanceof ShowEvent.LotRemoved removed) {
            return removed.lotNo();
        }
        if (event instanceof ShowEvent.LotMoved moved) {
            return moved.lotNo();
        }
        if (event instanceof ShowEvent.LotStarted started) {
            return started.lotNo();
        }
        if (event instanceof ShowEvent.LotEnded ended) {
            return ended.lotNo();
        }
        return null;
    }
}
