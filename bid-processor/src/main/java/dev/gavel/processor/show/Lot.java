package dev.gavel.processor.show;

import dev.gavel.events.LotView;
import java.util.ArrayList;
import java.util.List;

/**
 * A lot as the show engine keeps it: the public view, and what only the engine knows: the reserve price and the
 * pre-bids, in the order they were received (a bidder's latest replaces their earlier one).
 */
public record Lot(LotView view, Long reservePriceCents, List<PreBid> preBids) {

    public Lot {
        preBids = List.copyOf(preBids);
    }

    public int lotNo() {
        return view.lotNo();
    }

    Lot withView(LotView view) {
        return new Lot(view, reservePriceCents, preBids);
    }

    Lot withPreBid(PreBid preBid) {
        List<PreBid> kept = new ArrayList<>(preBids);
        kept.removeIf(earlier -> earlier.bidder().id().equals(preBid.bidder().id()));
        kept.add(preBid);
        return new Lot(view, reservePriceCents, kept);
    }

    /** The lot once its pre-bids have been placed on a run. */
    Lot withoutPreBids() {
        return new Lot(view, reservePriceCents, List.of());
    }
}
