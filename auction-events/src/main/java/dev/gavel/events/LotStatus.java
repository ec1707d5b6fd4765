package dev.gavel.events;

/** Where a lot of a show's lineup is. A lot that went unsold may be run again; a sold one is done. */
public enum LotStatus {
    /** In the lineup, not run yet: pre-bids are taken. */
    SCHEDULED,
    /** Its auction is open: bids go to that auction. */
    RUNNING,
    SOLD,
    /** Its last run ended without a sale (no bids, reserve not met, cancelled): it may be run again. */
    UNSOLD
}
