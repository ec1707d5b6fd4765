package dev.gavel.events;

import java.util.Objects;

/** A user as the token names them: a stable id and a display name. */
public record UserRef(String id, String name) {

    public UserRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
