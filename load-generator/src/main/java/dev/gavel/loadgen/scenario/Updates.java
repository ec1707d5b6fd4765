package dev.gavel.loadgen.scenario;

import picocli.CommandLine.Option;

/**
 * What viewers subscribe to: every event of an auction, or its latest state only, as a live show's viewers that show
 * the price but not each bid. A scenario declares it as a {@code @Mixin} with its own default.
 */
public final class Updates {

    @Option(
            names = "--updates",
            description = "What viewers subscribe to: every event, or the latest state (default: ${DEFAULT-VALUE}).")
    private String mode;

    public Updates(String mode) {
        this.mode = mode;
    }

    /** The protocol's {@code updates} value: {@code every} or {@code latest}. */
    public String mode() {
        if (!mode.equals("every") && !mode.equals("latest")) {
            throw new IllegalArgumentException("--updates must be every or latest, got " + mode);
        }
        return mode;
    }
}
