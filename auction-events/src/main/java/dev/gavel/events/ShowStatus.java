package dev.gavel.events;

/** Where a show is: announced, on air, or over. */
public enum ShowStatus {
    SCHEDULED,
    LIVE,
    ENDED
}
