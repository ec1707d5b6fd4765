package dev.gavel.events;

/** How an auction ended. */
public enum Outcome {
    SOLD,
    UNSOLD,
    RESERVE_NOT_MET,
    CANCELLED
}
