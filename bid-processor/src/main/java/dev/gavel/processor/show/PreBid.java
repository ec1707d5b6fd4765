package dev.gavel.processor.show;

import dev.gavel.events.UserRef;
import java.time.Instant;

/** A bidder's maximum on a lot that has not run yet; private to the bidder and the engine. */
public record PreBid(String commandId, UserRef bidder, long maxAmountCents, Instant receivedAt) {}
