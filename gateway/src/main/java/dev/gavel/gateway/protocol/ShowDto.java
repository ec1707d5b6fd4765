package dev.gavel.gateway.protocol;

import dev.gavel.events.LotStatus;
import dev.gavel.events.LotView;
import dev.gavel.events.Outcome;
import dev.gavel.events.ShowStatus;
import dev.gavel.events.ShowView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The show object of the client protocol and the REST API: amounts in major units, times in epoch millis. {@code
 * lineup} is in running order; {@code currentLotNo} and {@code currentAuctionId} name the running lot and its auction.
 */
public record ShowDto(
        String id,
        String title,
        UserDto host,
        ShowStatus status,
        long scheduledStart,
        long createdAt,
        Long startedAt,
        Long endedAt,
        List<Lot> lineup,
        Integer currentLotNo,
        String currentAuctionId,
        long seq) {

    /** A lot of the lineup; {@code auctionId}, {@code endsAt} and the outcome are those of its latest run. */
    public record Lot(
            int lotNo,
            String title,
            String description,
            BigDecimal startingPrice,
            BigDecimal buyNowPrice,
            boolean hasReserve,
            LotStatus status,
            int runs,
            String auctionId,
            Long endsAt,
            Outcome outcome,
            UserDto winner,
            BigDecimal finalPrice) {

        static Lot of(LotView lot) {
            return new Lot(
                    lot.lotNo(),
                    lot.title(),
                    lot.description(),
                    Amounts.decimal(lot.startingPriceCents()),
                    Amounts.decimal(lot.buyNowPriceCents()),
                    lot.hasReserve(),
                    lot.status(),
                    lot.runs(),
                    lot.auctionId(),
                    millis(lot.endsAt()),
                    lot.outcome(),
                    UserDto.of(lot.winner()),
                    Amounts.decimal(lot.finalPriceCents()));
        }
    }

    public static ShowDto of(ShowView show) {
        return new ShowDto(
                show.id(),
                show.title(),
                UserDto.of(show.host()),
                show.status(),
                show.scheduledStart().toEpochMilli(),
                show.createdAt().toEpochMilli(),
                millis(show.startedAt()),
                millis(show.endedAt()),
                show.lineup().stream().map(Lot::of).toList(),
                show.currentLotNo(),
                show.currentLot().map(LotView::auctionId).orElse(null),
                show.seq());
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
