package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A role a token grants, as stamped on a moderator's command. Part of the public contract: add, never rename. */
public enum Role {
    @JsonProperty("seller")
    SELLER,
    @JsonProperty("moderator")
    MODERATOR,
    /** Everything a moderator may do, and whatever only administrators may do. */
    @JsonProperty("admin")
    ADMIN;

    /** Whether this role may end, cancel and remove users from auctions it does not sell. */
    public boolean moderates() {
        return this == MODERATOR || this == ADMIN;
    }
}
