package dev.gavel.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The public snapshot of a show: the value of {@value Topics#SHOW_STATE}, and what a viewer is shown on joining.
 * {@code lineup} is in running order; {@code currentLotNo} is the running lot, if any. Folding a show's events over
 * its {@link ShowEvent.ShowCreated} snapshot with {@link #apply} yields the processor's snapshot at the same
 * {@code seq}.
 */
public record ShowView(
        String id,
        String title,
        UserRef host,
        ShowStatus status,
        Instant scheduledStart,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        List<LotView> lineup,
        Integer currentLotNo,
        long seq) {

    public ShowView {
        lineup = List.copyOf(lineup);
    }

    public Optional<LotView> lot(int lotNo) {
        return lineup.stream().filter(lot -> lot.lotNo() == lotNo).findFirst();
    }

    /** The running lot, if any. */
    public Optional<LotView> currentLot() {
        return currentLotNo == null ? Optional.empty() : lot(currentLotNo);
    }

    /**
     * The snapshot after {@code event}, which must be this show's next event.
     *
     * @throws IllegalArgumentException if the event is for another show, is not the next in sequence, or names a lot
     *     the lineup does not hold
     */
    public ShowView apply(ShowEvent event) {
        if (!id.equals(event.showId())) {
            throw new IllegalArgumentException("event for " + event.showId() + " applied to " + id);
        }
        if (event.seq() != seq + 1) {
            throw new IllegalArgumentException("expected seq " + (seq + 1) + " but got " + event.seq());
        }
        long next = event.seq();
        List<LotView> lots = new ArrayList<>(lineup);
        if (event instanceof ShowEvent.LotAdded added) {
            lots.add(added.lot());
            return with(status, startedAt, endedAt, lots, currentLotNo, next);
        }
        if (event instanceof ShowEvent.LotRemoved removed) {
            lots.remove(lotAt(removed.lotNo()));
            return with(status, startedAt, endedAt, lots, currentLotNo, next);
        }
        if (event instanceof ShowEvent.LotMoved moved) {
            lots.add(moved.position(), lots.remove(lotAt(moved.lotNo())));
            return with(status, startedAt, endedAt, lots, currentLotNo, next);
        }
        if (event instanceof ShowEvent.ShowStarted started) {
            return with(ShowStatus.LIVE, started.at(), endedAt, lineup, currentLotNo, next);
        }
        if (event instanceof ShowEvent.LotStarted started) {
            int index = lotAt(started.lotNo());
            lots.set(index, lots.get(index).started(started.auctionId(), started.endsAt()));
            return with(status, startedAt, endedAt, lots, started.lotNo(), next);
        }
        if (event instanceof ShowEvent.LotEnded ended) {
            int index = lotAt(ended.lotNo());
            lots.set(index, lots.get(index).ended(ended.outcome(), ended.winner(), ended.finalPriceCents()));
            return with(status, startedAt, endedAt, lots, null, next);
        }
        if (event instanceof ShowEvent.ShowEnded ended) {
            return with(ShowStatus.ENDED, startedAt, ended.at(), lineup, null, next);
        }
        throw new IllegalArgumentException("a show is created only once: " + event);
    }

    private int lotAt(int lotNo) {
        for (int i = 0; i < lineup.size(); i++) {
            if (lineup.get(i).lotNo() == lotNo) {
                return i;
            }
        }
        throw new IllegalArgumentException("show " + id + " has no lot " + lotNo);
    }

    private ShowView with(
            ShowStatus status,
            Instant startedAt,
            Instant endedAt,
            List<LotView> lineup,
            Integer currentLotNo,
            long seq) {
        return new ShowView(
                id, title, host, status, scheduledStart, createdAt, startedAt, endedAt, lineup, currentLotNo, seq);
    }
}
