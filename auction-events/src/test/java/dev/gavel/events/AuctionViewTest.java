package dev.gavel.events;

import static dev.gavel.events.Samples.AUCTION_ID;
import static dev.gavel.events.Samples.BOB;
import static dev.gavel.events.Samples.ENDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import org.junit.jupiter.api.Test;

class AuctionViewTest {

    private final AuctionView open = Samples.openView();

    @Test
    void bidMovesThePriceLeaderCountMinimumAndEnd() {
        AuctionView after = open.apply(Samples.bidPlaced(2));

        assertThat(after.currentBidCents()).isEqualTo(15_005);
        assertThat(after.leader()).isEqualTo(BOB);
        assertThat(after.bidCount()).isEqualTo(1);
        assertThat(after.minimumNextBidCents()).isEqualTo(15_505);
        assertThat(after.endsAt()).isEqualTo(ENDS.plusSeconds(5));
        assertThat(after.seq()).isEqualTo(2);
        assertThat(after.status()).isEqualTo(AuctionStatus.OPEN);
    }

    @Test
    void extensionMovesOnlyTheEnd() {
        AuctionView bid = open.apply(Samples.bidPlaced(2));

        AuctionView after = bid.apply(Samples.extended(3));

        assertThat(after.endsAt()).isEqualTo(ENDS.plusSeconds(5));
        assertThat(after.seq()).isEqualTo(3);
        assertThat(after.currentBidCents()).isEqualTo(bid.currentBidCents());
    }

    @Test
    void endRecordsTheOutcome() {
        AuctionView after = open.apply(Samples.bidPlaced(2)).apply(Samples.ended(3));

        assertThat(after.status()).isEqualTo(AuctionStatus.ENDED);
        assertThat(after.outcome()).isEqualTo(Outcome.SOLD);
        assertThat(after.winner()).isEqualTo(BOB);
        assertThat(after.finalPriceCents()).isEqualTo(15_005);
        assertThat(after.endedAt()).isEqualTo(ENDS.plusSeconds(5));
        assertThat(after.buyNowAvailable()).isFalse();
    }

    @Test
    void eventThatSkipsASeqIsRefused() {
        assertThatThrownBy(() -> open.apply(Samples.bidPlaced(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected seq 2 but got 3");
    }

    @Test
    void eventAlreadyAppliedIsRefused() {
        AuctionView after = open.apply(Samples.bidPlaced(2));

        assertThatThrownBy(() -> after.apply(Samples.bidPlaced(2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventOfAnotherAuctionIsRefused() {
        AuctionEnded elsewhere = new AuctionEnded("auction-8", 2, ENDS, "c", Outcome.UNSOLD, null, null, 0);

        assertThatThrownBy(() -> open.apply(elsewhere))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auction-8");
    }

    @Test
    void secondCreationIsRefused() {
        AuctionCreated again = new AuctionCreated(AUCTION_ID, 2, ENDS, "c", open);

        assertThatThrownBy(() -> open.apply(again)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buyNowIsOfferedUntilTheFirstBid() {
        assertThat(open.buyNowAvailable()).isTrue();
        assertThat(open.apply(Samples.bidPlaced(2)).buyNowAvailable()).isFalse();
    }
}
