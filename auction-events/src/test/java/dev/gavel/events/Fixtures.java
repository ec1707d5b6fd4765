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
                new ShowSales(sales(), T0.plusSeconds(35)),
                new ShowStats.LiveShowSales(
                        "s-3f2a",
                        "Spring vinyl drop",
                        SAM,
                        ShowStatus.LIVE,
                        3,
                        sales(),
                        9_000L,
                        "s-3f2a_1_1",
                        12,
                        T0.plusSeconds(40)));
    }

    public static final String SHOW = "s-3f2a";

    /** A lot of the show's lineup: not run yet, or sold on its first run. */
    public static LotView lot(int lotNo, boolean sold) {
        return new LotView(
                lotNo,
                "Signed LP",
                sold ? "" : null,
                2_000,
                sold ? 9_000L : null,
                sold,
                sold ? LotStatus.SOLD : LotStatus.SCHEDULED,
                sold ? 1 : 0,
                sold ? LotIds.auctionId(SHOW, lotNo, 1) : null,
                sold ? T0.plusSeconds(90) : null,
                sold ? Outcome.SOLD : null,
                sold ? BOB : null,
                sold ? 4_500L : null);
    }

    public static ShowView scheduledShow() {
        return new ShowView(
                SHOW,
                "Spring vinyl drop",
                SAM,
                ShowStatus.SCHEDULED,
                T0.plusSeconds(600),
                T0,
                null,
                null,
                List.of(),
                null,
                1);
    }

    public static ShowView liveShow() {
        return new ShowView(
                SHOW,
                "Spring vinyl drop",
                SAM,
                ShowStatus.LIVE,
                T0.plusSeconds(600),
                T0,
                T0.plusSeconds(60),
                null,
                List.of(lot(1, true), lot(2, false)),
                2,
                9);
    }

    public static List<ShowView> showViews() {
        return List.of(scheduledShow(), liveShow());
    }

    public static List<ShowCommand> showCommands() {
        return List.of(
                new ShowCommand.CreateShow("c-s1", SHOW, T0, SAM, "Spring vinyl drop", T0.plusSeconds(600)),
                new ShowCommand.AddLot("c-s2", SHOW, T0, SAM, "Signed LP", "Mint", 2_000, 4_000L, 9_000L),
                new ShowCommand.AddLot("c-s3", SHOW, T0, SAM, "Poster", null, 500, null, null),
                new ShowCommand.RemoveLot("c-s4", SHOW, T0, SAM, 3),
                new ShowCommand.MoveLot("c-s5", SHOW, T0, SAM, 2, 0),
                new ShowCommand.StartShow("c-s6", SHOW, T0.plusSeconds(60), SAM),
                new ShowCommand.RunLot(
                        "c-s7", SHOW, T0.plusSeconds(60), SAM, 1, 30_000, AuctionMode.STANDARD, 10_000L, 60_000L),
                new ShowCommand.RunLot("c-s8", SHOW, T0.plusSeconds(120), SAM, 2, 15_000, null, null, null),
                new ShowCommand.PlacePreBid("c-s9", SHOW, T0.plusSeconds(30), BOB, 2, 4_500),
                new ShowCommand.EndShow("c-s10", SHOW, T0.plusSeconds(900), SAM),
                new ShowCommand.LotAuctionEnded(
                        "lot-end:" + LotIds.auctionId(SHOW, 1, 1),
                        SHOW,
                        T0.plusSeconds(90),
                        LotIds.auctionId(SHOW, 1, 1),
                        Outcome.SOLD,
                        BOB,
                        4_500L),
                new ShowCommand.LotAuctionEnded(
                        "lot-end:" + LotIds.auctionId(SHOW, 2, 1),
                        SHOW,
                        T0.plusSeconds(135),
                        LotIds.auctionId(SHOW, 2, 1),
                        Outcome.UNSOLD,
                        null,
                        null));
    }

    public static List<ShowEvent> showEvents() {
        return List.of(
                new ShowEvent.ShowCreated(SHOW, 1, T0, "c-s1", scheduledShow()),
                new ShowEvent.LotAdded(SHOW, 2, T0, "c-s2", lot(1, false)),
                new ShowEvent.LotRemoved(SHOW, 3, T0, "c-s4", 3),
                new ShowEvent.LotMoved(SHOW, 4, T0, "c-s5", 2, 0),
                new ShowEvent.ShowStarted(SHOW, 5, T0.plusSeconds(60), "c-s6"),
                new ShowEvent.LotStarted(
                        SHOW,
                        6,
                        T0.plusSeconds(60),
                        "c-s7",
                        1,
                        LotIds.auctionId(SHOW, 1, 1),
                        1,
                        T0.plusSeconds(90),
                        AuctionMode.STANDARD,
                        10_000,
                        2),
                new ShowEvent.LotEnded(
                        SHOW,
                        7,
                        T0.plusSeconds(90),
                        "lot-end:" + LotIds.auctionId(SHOW, 1, 1),
                        1,
                        LotIds.auctionId(SHOW, 1, 1),
                        Outcome.SOLD,
                        BOB,
                        4_500L),
                new ShowEvent.LotEnded(
                        SHOW,
                        9,
                        T0.plusSeconds(135),
                        "lot-end:" + LotIds.auctionId(SHOW, 2, 1),
                        2,
                        LotIds.auctionId(SHOW, 2, 1),
                        Outcome.UNSOLD,
                        null,
                        null),
                new ShowEvent.ShowEnded(SHOW, 10, T0.plusSeconds(900), "c-s10", 1));
    }

    public static List<ShowNotice> showNotices() {
        return List.of(
                new ShowNotice.ShowCommandRejected(
                        "c-s8",
                        SHOW,
                        "run-lot",
                        SAM,
                        T0.plusSeconds(120),
                        RejectionReason.LOT_RUNNING,
                        "lot 1 is running"),
                new ShowNotice.ShowCommandConfirmed(
                        "c-s9", SHOW, "place-pre-bid", BOB, T0.plusSeconds(30), 2, 4_500L, false, null),
                new ShowNotice.ShowCommandConfirmed(
                        "c-s7", SHOW, "run-lot", SAM, T0.plusSeconds(61), null, null, true, 6L));
    }

    public static List<ShowViewers> showViewers() {
        return List.of(
                new ShowViewers(SHOW, "gateway-5e1f", 1_250, T0.plusSeconds(70)),
                new ShowViewers(SHOW, "gateway-9c2d", 0, T0.plusSeconds(71)));
    }
}
