package dev.gavel.systemtests.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;

public final class Waits {

    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private Waits() {}

    public static void until(String what, BooleanSupplier condition) {
        await(what)
                .atMost(DEFAULT)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(condition::getAsBoolean);
    }
}
