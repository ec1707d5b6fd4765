package dev.gavel.gateway.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** One fixed moment, so that every time in a test is known in advance. */
public final class Times {

    public static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    private Times() {}

    public static Clock fixedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
