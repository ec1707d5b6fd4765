package dev.gavel.processor.show;

import dev.gavel.events.LotView;
import dev.gavel.events.ShowStatus;
import dev.gavel.events.ShowView;
import dev.gavel.events.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A show as the engine keeps it in its store. {@code lineup} is in running order; {@code lotsAdded} numbers the next
 * lot, so that a removed lot's number is never given again.
 */
public record Show(
        String id,
        String title,
        UserRef host,
        ShowStatus status,
        Instant scheduledStart,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        List<Lot> lineup,
        int lotsAdded,
        Integer currentLotNo,
        long seq) {

    public Show {
        lineup = List.copyOf(lineup);
    }

    /** What everyone may see of it. */
    public ShowView view() {
        List<LotView> lots = lineup.stream().map(Lot::view).toList();
        return new ShowView(
                id, title, host, status, scheduledStart, createdAt, startedAt, endedAt, lots, currentLotNo, seq);
    }

    Optional<Lot> lot(int lotNo) {
        return lineup.stream().filter(lot -> lot.lotNo() == lotNo).findFirst();
    }

    boolean hostedBy(UserRef user) {
        return user != null && host.id().equals(user.id());
    }

    Show withLot(int lotNo, UnaryOperator<Lot> change) {
        List<Lot> lots = new ArrayList<>(lineup);
        lots.replaceAll(lot -> lot.lotNo() == lotNo ? change.apply(lot) : lot);
        return withLineup(lots, lotsAdded, currentLotNo);
    }

    Show withLineup(List<Lot> lots, int lotsAdded, Integer currentLotNo) {
        return with(status, startedAt, endedAt, lots, lotsAdded, currentLotNo, seq);
    }

    Show withStatus(ShowStatus status, Instant startedAt, Instant endedAt) {
        return with(status, startedAt, endedAt, lineup, lotsAdded, currentLotNo, seq);
    }

    Show withSeq(long seq) {
        return with(status, startedAt, endedAt, lineup, lotsAdded, currentLotNo, seq);
    }

    private Show with(
            ShowStatus status,
            Instant startedAt,
            Instant endedAt,
            List<Lot> lineup,
            int lotsAdded,
            Integer currentLotNo,
            long seq) {
        return new Show(
                id,
                title,
                host,
                status,
                scheduledStart,
                createdAt,
                startedAt,
                endedAt,
                lineup,
                lotsAdded,
                currentLotNo,
                seq);
    }
}
