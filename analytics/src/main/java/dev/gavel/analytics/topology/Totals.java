package dev.gavel.analytics.topology;

import dev.gavel.events.ShowStats.Sales;
import dev.gavel.events.UserRef;
import java.time.Instant;

/** What a group of endings came to so far; {@code seller} and {@code at} are those of the latest ending. */
record Totals(UserRef seller, Sales sales, Instant at) {

    static final Totals NONE = new Totals(null, Sales.NONE, null);

    Totals plus(Ending ending) {
        return new Totals(ending.seller(), sales.plus(ending.outcome(), ending.finalPriceCents()), ending.at());
    }
}
