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
import dev.gavel.events.ShowStats.AuctionBids;
import dev.gavel.events.ShowStats.HighestBid;
import dev.gavel.events.ShowStats.HotAuctions;
import dev.gavel.events.ShowStats.Sales;
import dev.gavel.events.ShowStats.SellerSales;
import dev.gavel.events.ShowStats.ShowSales;
import java.time.Instant;
import java.util.List;

/**
 * One realistic value of every record type of the contract, with optional fields both set and left out: what the
 * schemas must accept.
 */
public final class Fixtures {

    public static final String AUCTION = "a-7c1e";
    public static final Instant T0 = Instant.parse("2026-11-28T20:00:00Z");
    public static final UserRef SAM = new UserRef("u-sam", "sam");
    public static final UserRef BOB = new UserRef("u-bob", "bob");
    public static final UserRef MOD = new UserRef("u-mod", "mod");

    private Fixtures() {}

    public static List<AuctionCommand> commands() {
        return List.of(
                new CreateAuction(
                        "c-1", AUCTION, T0, SAM, "Vintage Camera", null, 10_000, 30_000, null, null, null, null, null),
                new CreateAuction(
                        "c-2",
                        AUCTION,
                        T0,
                        SAM,
                        "Vintage Camera",
                        "1950s Leica",
                        10_000,
                        30_000,
                        25_000L,
                        90_000L,
                        AuctionMode.SUDDEN_DEATH,
                        0L,
                        120_000L),
                new PlaceBid("c-3", AUCTION, T0.plusSeconds(1), BOB, 15_000L, null),
                new PlaceBid("c-4", AUCTION, T0.plusSeconds(2), BOB, null, 40_000L),
                new BuyNow("c-5", AUCTION, T0.plusSeconds(3), BOB),
                new CancelAuction("c-6", AUCTION, T0.plusSeconds(4), SAM),
                new ModerateAuction("c-7", AUCTION, T0.plusSeconds(5), MOD, Role.MODERATOR, ModerationAction.END, null),
                new ModerateAuction(
                        "c-8", AUCTION, T0.plusSeconds(6), MOD, Role.ADMIN, ModerationAction.REMOVE_BIDDER, BOB.id()),
                new CloseAuction("close:" + AUCTION + ":1", AUCTION, T0.plusSeconds(30)),
                new ExpireAuction("expire:" + AUCTION + ":1", AUCTION, T0.plusSeconds(90)),
                new GatewayWatermark("watermark:gateway-1:7", "gateway-1", T0.plusSeconds(61)));
    }

    public static AuctionView openView() {
        return new AuctionView(
                AUCTION,
                "Vintage Camera",
                null,
                SAM,
                AuctionMode.STANDARD,
                10_000,
                null,
                false,
                true,
                10_000,
                null,
                null,
                null,
                0,
                10_000,
                AuctionStatus.OPEN,
                T0,
                T0.plusSeconds(30),
                1,
                null,
                null,
                null,
                null);
    }

    public static AuctionView soldView() {
        return new AuctionView(
                AUCTION,
                "Vintage Camera",
                "1950s Leica",
                SAM,
                AuctionMode.SUDDEN_DEATH,
                10_000,
                90_000L,
                true,
                true,
                0,
                120_000L,
                15_000L,
                BOB,
                1,
                15_500,
                AuctionStatus.ENDED,
                T0,
                T0.plusSeconds(30),
                3,
                Outcome.SOLD,
                BOB,
                15_000L,
                T0.plusSeconds(30));
    }

    public static List<AuctionView> views() {
        return List.of(openView(), soldView());
    }

    public static List<AuctionEvent> events() {
        return List.of(
                new AuctionCreated(AUCTION, 1, T0, "c-1", openView()),
                new BidPlaced(
                        AUCTION,
                        2,
                        T0.plusSeconds(25),
                        "c-3",
                        BOB,
                        15_000,
                        15_000,
                        BOB,
                        1,
                        15_500,
                        true,
                        T0.plusSeconds(30)),
                new AuctionExtended(AUCTION, 3, T0.plusSeconds(25), "c-3", T0.plusSeconds(35), T0.plusSeconds(30)),
                new AuctionEnded(
                        AUCTION, 4, T0.plusSeconds(35), "close:" + AUCTION + ":1", Outcome.SOLD, BOB, 15_000L, 1),
                new AuctionEnded(
                        AUCTION, 2, T0.plusSeconds(35), "close:" + AUCTION + ":1", Outcome.UNSOLD, null, null, 0));
    }

    public static List<BidderNotice> notices() {
        return List.of(
                new CommandRejected(
                        "c-7",
                        AUCTION,
                        "place-bid",
                        BOB,
                        T0.plusSeconds(5),
                        RejectionReason.BID_TOO_LOW,
                        "the minimum bid is 155.00",
                        15_500L),
                new CommandRejected(
                        "c-8",
                        AUCTION,
                        "cancel-auction",
                        BOB,
                        T0.plusSeconds(6),
                        RejectionReason.NOT_SELLER,
                        "only the seller may cancel",
                        null),
                new CommandConfirmed(
                        "c-4", AUCTION, "place-bid", BOB, T0.plusSeconds(7), null, 40_000L, 15_000L, true, false, null),
                new CommandConfirmed(
                        "c-3", AUCTION, "place-bid", BOB, T0.plusSeconds(8), 15_000L, null, 15_000L, true, true, 2L));
    }

    public static Sales sales() {
        return Sales.NONE
                .plus(Outcome.SOLD, 15_000L)
                .plus(Outcome.UNSOLD, null)
                .plus(Outcome.RESERVE_NOT_MET, null)
                .plus(Outcome.CANCELLED, null);
    }

    public static List<ShowStats> stats() {
        return List.of(
                new HotAuctions(
                        T0, T0.plusSeconds(60), List.of(new AuctionBids(AUCTION, 7), new AuctionBids("a-9f2b", 3))),
                new HotAuctions(T0, T0.plusSeconds(60), List.of()),
                new HighestBid(T0, T0.plusSeconds(60), AUCTION, 15_000, BOB, T0.plusSeconds(25)),
                new SellerSales(SAM, sales(), T0.plusSeconds(35)),
                new ShowSales(sales(), T0.plusSeconds(35)));
    }
}
