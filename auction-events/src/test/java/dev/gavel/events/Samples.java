package dev.gavel.events;

import dev.gavel.events.AuctionCommand.BuyNow;
import dev.gavel.events.AuctionCommand.CancelAuction;
import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.ExpireAuction;
import dev.gavel.events.AuctionCommand.GatewayWatermark;
import dev.gavel.events.AuctionCommand.ModerateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionEvent.AuctionExtended;
import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import java.time.Instant;
import java.util.List;

/**
 * One of every message of the contract, each field set to a value that a broken mapping would change: times with
 * milliseconds, amounts that are not whole units, optional fields present.
 */
final class Samples {

    static final String AUCTION_ID = "auction-7";
    static final Instant CREATED = Instant.parse("2030-03-01T18:00:00.123Z");
    static final Instant ENDS = CREATED.plusSeconds(60);
    static final Instant BID_AT = CREATED.plusMillis(12_345);
    static final UserRef ALICE = new UserRef("u-alice", "Alice");
    static final UserRef BOB = new UserRef("u-bob", "Bob");
    static final UserRef CAROL = new UserRef("u-carol", "Carol");

    private Samples() {}

    static CreateAuction createAuction() {
        return new CreateAuction(
                "cmd-create",
                AUCTION_ID,
                CREATED,
                ALICE,
                "Leica M3",
                "1958, serviced",
                10_050L,
                60_000L,
                20_000L,
                90_099L,
                AuctionMode.SUDDEN_DEATH,
                0L,
                30_000L);
    }

    static PlaceBid placeBid() {
        return new PlaceBid("cmd-bid", AUCTION_ID, BID_AT, BOB, 15_005L, 25_000L);
    }

    static List<AuctionCommand> commands() {
        return List.of(
                createAuction(),
                placeBid(),
                new BuyNow("cmd-buy", AUCTION_ID, BID_AT, BOB),
                new CancelAuction("cmd-cancel", AUCTION_ID, BID_AT, ALICE),
                new ModerateAuction(
                        "cmd-moderate", AUCTION_ID, BID_AT, CAROL, Role.ADMIN, ModerationAction.REMOVE_BIDDER, "u-bob"),
                new CloseAuction("close:auction-7", AUCTION_ID, ENDS.plusMillis(250)),
                new ExpireAuction("expire:auction-7:1898704800123", AUCTION_ID, ENDS.plusSeconds(86_400)),
                new GatewayWatermark("watermark:gateway-3f1c:1042", "gateway-3f1c", ENDS.plusMillis(12)));
    }

    /** The snapshot of a fresh standard auction with a reserve and a buy-now price. */
    static AuctionView openView() {
        return new AuctionView(
                AUCTION_ID,
                "Leica M3",
                "1958, serviced",
                ALICE,
                AuctionMode.STANDARD,
                10_050L,
                90_099L,
                true,
                false,
                10_000L,
                30_000L,
                null,
                null,
                0,
                10_050L,
                AuctionStatus.OPEN,
                CREATED,
                ENDS,
                1,
                null,
                null,
                null,
                null);
    }

    static BidPlaced bidPlaced(long seq) {
        return new BidPlaced(
                AUCTION_ID, seq, BID_AT, "cmd-bid", BOB, 15_005L, 15_005L, BOB, 1, 15_505L, false, ENDS.plusSeconds(5));
    }

    static AuctionExtended extended(long seq) {
        return new AuctionExtended(AUCTION_ID, seq, BID_AT, "cmd-bid", ENDS.plusSeconds(5), ENDS);
    }

    static AuctionEnded ended(long seq) {
        return new AuctionEnded(AUCTION_ID, seq, ENDS.plusSeconds(5), "close:auction-7", Outcome.SOLD, BOB, 15_005L, 1);
    }

    static List<AuctionEvent> events() {
        return List.of(
                new AuctionCreated(AUCTION_ID, 1, CREATED, "cmd-create", openView()),
                bidPlaced(2),
                extended(3),
                ended(4));
    }

    static List<BidderNotice> notices() {
        return List.of(
                new CommandRejected(
                        "cmd-bid",
                        AUCTION_ID,
                        "place-bid",
                        BOB,
                        BID_AT,
                        RejectionReason.BID_TOO_LOW,
                        "the minimum bid is 155.05",
                        15_505L),
                new CommandConfirmed(
                        "cmd-bid", AUCTION_ID, "place-bid", BOB, BID_AT, 15_005L, 25_000L, 15_005L, true, true, 2L));
    }
}
