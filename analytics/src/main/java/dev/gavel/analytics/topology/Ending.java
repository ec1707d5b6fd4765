package dev.gavel.analytics.topology;

import dev.gavel.events.Outcome;
import dev.gavel.events.UserRef;
import java.time.Instant;

/** An auction ended, with the seller its creation named. */
record Ending(UserRef seller, Outcome outcome, Long finalPriceCents, Instant at) {}
