package dev.gavel.gateway.protocol;

import dev.gavel.events.AuctionMode;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.AuctionView;
import dev.gavel.events.Outcome;
import java.math.BigDecimal;

/** The auction object of the client protocol and the REST API: amounts in major units, times in epoch millis. */
public record AuctionDto(
        String id,
        String title,
        String description,
        UserDto seller,
        AuctionMode mode,
        BigDecimal startingPrice,
        BigDecimal currentBid,
        UserDto leader,
        int bidCount,
        BigDecimal minimumNextBid,
        BigDecimal buyNowPrice,
        boolean buyNowAvailable,
        boolean hasReserve,
        boolean reserveMet,
        long softCloseMs,
        Long maxExtensionMs,
        AuctionStatus status,
        long createdAt,
        long endsAt,
        long seq,
        Outcome outcome,
        UserDto winner,
        BigDecimal finalPrice,
        Long endedAt) {

    public static AuctionDto of(AuctionView view) {
        return new AuctionDto(
                view.id(),
                view.title(),
                view.description(),
                UserDto.of(view.seller()),
                view.mode(),
                Amounts.decimal(view.startingPriceCents()),
                Amounts.decimal(view.currentBidCents()),
                UserDto.of(view.leader()),
                view.bidCount(),
                Amounts.decimal(view.minimumNextBidCents()),
                Amounts.decimal(view.buyNowPriceCents()),
                view.buyNowAvailable(),
                view.hasReserve(),
                view.reserveMet(),
                view.softCloseMs(),
                view.maxExtensionMs(),
                view.status(),
                view.createdAt().toEpochMilli(),
                view.endsAt().toEpochMilli(),
                view.seq(),
                view.outcome(),
                UserDto.of(view.winner()),
                Amounts.decimal(view.finalPriceCents()),
                view.endedAt() == null ? null : view.endedAt().toEpochMilli());
    }
}
