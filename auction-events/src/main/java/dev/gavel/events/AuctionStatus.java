package dev.gavel.events;

public enum AuctionStatus {
    OPEN,
    ENDED
}
