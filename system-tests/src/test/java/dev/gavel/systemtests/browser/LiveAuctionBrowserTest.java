package dev.gavel.systemtests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.browser.GavelPage.Viewport;
import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Http;
import dev.gavel.systemtests.support.Messages;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.WsClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web page in real browsers against the real stack: a seller at a desktop and a bidder on a phone-sized screen,
 * signed in as different users, follow the same auctions live. A third bidder, Carol, bids through the REST API.
 */
class LiveAuctionBrowserTest {

    /** What "live" means here: a bid shows on every screen within this time of the click. */
    private static final Duration LIVE = Duration.ofSeconds(1);

    /** How long statistics may take to show on a busy machine. */
    private static final Duration STATS = Duration.ofSeconds(30);

    private static GavelStack stack;
    private static GavelPage alice;
    private static GavelPage bob;
    private static User carol;

    @BeforeAll
    static void openBrowsers() {
        stack = GavelStack.shared();
        alice = GavelPage.open(stack.httpBase(), Viewport.DESKTOP);
        bob = GavelPage.open(stack.httpBase(), Viewport.PHONE);
        alice.signIn("alice");
        bob.signIn("bob");
        carol = stack.signIn("carol");
    }

    @AfterAll
    static void closeBrowsers() {
        for (GavelPage page : new GavelPage[] {alice, bob}) {
            if (page != null) {
                page.close();
            }
        }
    }

    @Test
    void twoBiddersFollowALateBiddingWarToTheEnd() {
        // Markup in a title must show as text, never become markup.
        String title = "Signed <b>vinyl</b> LP " + unique();
        String auctionId =
                alice.createAuction(AuctionForm.of(title).startingAt("100").lasting(15, 5));
        assertThat(alice.text("auction-title")).isEqualTo(title);

        bob.go("/");
        bob.waitUntil(
                "the new auction in bob's lobby",
                d -> bob.lobbyCard(auctionId).getText().contains(title));
        bob.openFromLobby(auctionId);
        assertThat(bob.text("quick-bid")).isEqualTo("Bid 100.00");
        // On a phone, price, countdown and the bid button fit the first screen, and nothing scrolls sideways.
        assertThat(bob.isOnFirstScreen("current-price")).isTrue();
        assertThat(bob.isOnFirstScreen("countdown")).isTrue();
        assertThat(bob.isOnFirstScreen("quick-bid")).isTrue();
        assertThat(bob.overflowsHorizontally()).isFalse();

        bob.bidCustom("50");
        assertThat(bob.waitForText("bid-feedback", text -> !text.isEmpty()))
                .isEqualTo("Your bid is too low. The minimum bid is 100.00.");

        bob.byTestId("quick-bid").click();
        Instant clicked = Instant.now();
        for (GavelPage page : new GavelPage[] {bob, alice}) {
            page.waitForText("current-price", "100.00"::equals, remaining(clicked));
        }
        bob.waitForText("my-status", "You're winning!"::equals);
        alice.waitForText("leader", text -> text.startsWith("Leading: bob"));

        bidAsCarol(auctionId, "110");
        bob.waitForText("my-status", text -> text.startsWith("Outbid"));
        alice.waitForText("current-price", "110.00"::equals);

        // A bid with less than the soft-close window left resets the time left to the window.
        bob.waitUntil(() -> "the last 3 seconds", d -> bob.secondsLeft() <= 3, Duration.ofSeconds(20));
        int secondsLeftBefore = bob.secondsLeft();
        long endsAtBefore = alice.endsAt();
        bob.byTestId("quick-bid").click();
        bob.waitForText("current-price", "115.00"::equals);
        assertThat(bob.secondsLeft()).isGreaterThan(secondsLeftBefore);
        alice.waitForText("current-price", "115.00"::equals);
        for (GavelPage page : new GavelPage[] {bob, alice}) {
            page.waitUntil("the extension notice", d -> page.isShown("extended-notice"));
            assertThat(page.endsAt()).isGreaterThan(endsAtBefore);
        }

        // A reload in the middle of the auction comes back to the same room and keeps following it.
        alice.reload();
        assertThat(alice.route()).isEqualTo("/auction/" + auctionId);
        alice.waitForText("current-price", "115.00"::equals);
        assertThat(alice.historyEntries()).hasSize(3);

        bob.waitForText("ended-banner", "You won! SOLD to you for 115.00"::equals, Duration.ofSeconds(20));
        alice.waitForText("ended-banner", "SOLD to bob for 115.00"::equals, Duration.ofSeconds(20));
        assertThat(bob.isShown("bid-controls")).isFalse();

        bob.reload();
        assertThat(bob.route()).isEqualTo("/auction/" + auctionId);
        bob.waitForText("ended-banner", "You won! SOLD to you for 115.00"::equals);
        assertThat(bob.text("current-price")).isEqualTo("115.00");
        assertThat(bob.historyEntries()).hasSize(3).first().asString().contains("bob (you)", "115.00");
    }

    @Test
    void countdownFollowsTheServerClockWhenTheDeviceClockIsWrong() {
        String auctionId = alice.createAuction(
                AuctionForm.of("Hasselblad 500C " + unique()).lasting(120, 10));
        try (GavelPage dave = GavelPage.open(stack.httpBase(), Viewport.PHONE)) {
            dave.skewClock(Duration.ofMinutes(-5));
            dave.signIn("dave");
            dave.openRoom(auctionId);
            // About two minutes are left; a countdown that trusted the device clock would show seven.
            dave.waitUntil("the countdown", d -> dave.secondsLeft() > 0);
            assertThat(dave.secondsLeft()).isBetween(100, 120);
        }
    }

    @Test
    void sellerCancelsBeforeTheFirstBid() {
        String auctionId = alice.createAuction(AuctionForm.of("Polaroid SX-70 " + unique()));
        bob.openRoom(auctionId);

        alice.clickTwice("cancel-auction");

        for (GavelPage page : new GavelPage[] {alice, bob}) {
            page.waitForText("ended-banner", "CANCELLED: the auction was called off"::equals);
        }
    }

    @Test
    void moderatorEndsARunningAuctionForEveryone() {
        String auctionId =
                alice.createAuction(AuctionForm.of("Nikon F2 " + unique()).startingAt("100"));
        bob.openRoom(auctionId);
        bob.byTestId("quick-bid").click();
        alice.waitForText("current-price", "100.00"::equals);
        assertThat(alice.isShown("moderator-controls")).isFalse();

        try (GavelPage mia = GavelPage.open(stack.httpBase(), Viewport.DESKTOP)) {
            mia.signInAsModerator("mia");
            mia.openRoom(auctionId);
            mia.clickTwice("moderator-end");

            for (GavelPage page : new GavelPage[] {alice, bob, mia}) {
                page.waitForText("ended-banner", text -> text.contains("SOLD") && text.contains("100.00"));
            }
        }
    }

    @Test
    void auctionEndsUnsoldWhenTheReserveIsNotMet() {
        String auctionId = alice.createAuction(AuctionForm.of("Rolex Datejust 1601 " + unique())
                .startingAt("100")
                .withReserve("500")
                .lasting(6, 0));
        bob.openRoom(auctionId);
        bob.byTestId("quick-bid").click();
        alice.waitForText("current-price", "100.00"::equals);
        assertThat(alice.text("auction-rules")).contains("Reserve not met yet");

        for (GavelPage page : new GavelPage[] {alice, bob}) {
            page.waitForText(
                    "ended-banner",
                    "RESERVE NOT MET: the highest bid (100.00) was below the reserve price"::equals,
                    Duration.ofSeconds(20));
        }
    }

    @Test
    void buyerTakesTheBuyNowPrice() {
        String auctionId = alice.createAuction(
                AuctionForm.of("Gibson Les Paul " + unique()).startingAt("500").withBuyNow("1250.50"));
        bob.openRoom(auctionId);
        assertThat(bob.text("buy-now")).isEqualTo("Buy now for 1,250.50");

        bob.clickTwice("buy-now");

        bob.waitForText("ended-banner", "You won! SOLD to you for 1,250.50"::equals);
        alice.waitForText("ended-banner", "SOLD to bob for 1,250.50"::equals);
    }

    @Test
    void pageShowsEarlierBidsAndCatchesUpAfterTheConnectionDrops() {
        String auctionId = alice.createAuction(AuctionForm.of("Leica M3 " + unique()));
        bidAsCarol(auctionId, "100");
        bob.trackSockets();
        bob.go("/auction/" + auctionId);
        bob.reload();
        bob.waitUntil("bob online in the room", d -> bob.isOnline() && bob.isShown("quick-bid"));
        // A newcomer is replayed the auction from its start, so the bids before it joined are in the history.
        bob.waitUntil("carol's earlier bid", d -> bob.historyEntries().size() == 1);
        bob.byTestId("quick-bid").click();
        bob.waitForText("my-status", "You're winning!"::equals);

        bob.dropConnection();
        bob.waitForText("offline-text", text -> text.startsWith("You're offline"));
        bidAsCarol(auctionId, "120");
        alice.waitForText("current-price", "120.00"::equals);
        bob.goOnline();

        bob.waitUntil("the offline banner to go", d -> bob.isOnline() && !bob.isShown("offline-banner"));
        bob.waitForText("current-price", "120.00"::equals);
        bob.waitForText("my-status", text -> text.startsWith("Outbid"));
        // Only a replay of the missed event, not a fresh snapshot, puts Carol's new bid in the history.
        assertThat(bob.historyEntries()).hasSize(3).first().asString().contains("carol", "120.00");
    }

    @Test
    void theLobbyShowsWhatIsHotAndWhatSoldLive() {
        // Markup in a title must show as text on the statistics too.
        String title = "Signed <i>poster</i> " + unique();
        String hot = alice.createAuction(AuctionForm.of(title).startingAt("10"));
        String sale = alice.createAuction(AuctionForm.of("Eames lounge chair " + unique())
                .startingAt("500")
                .withBuyNow("999000000"));
        bob.go("/");
        bob.waitUntil("the statistics", d -> bob.isShown("stats"));
        String salesBefore = bob.text("stats-gmv");
        User erin = stack.signIn("erin");
        for (int bid = 0; bid < 6; bid++) {
            bid(bid % 2 == 0 ? carol : erin, hot, String.valueOf(10 + bid * 5));
        }

        // Statistics take a longer path than a bid: processor, analytics (two commits), gateway, a push each second.
        // The hot list counts the last minute give or take one 10 s hop, so it may not hold all six bids yet.
        bob.waitUntil(
                () -> "the auction among the hot auctions",
                d -> bob.hotAuction(hot).getText().matches(Pattern.quote(title) + " [1-6] bids?"),
                STATS);

        try (WsClient buyer = stack.connect(erin)) {
            buyer.send(Messages.message("buy-now").with("auctionId", sale).json());
            buyer.await(
                    "the purchase", message -> message.path("type").asString().equals("bid-accepted"));
        }
        bob.waitForText("stats-gmv", text -> !text.equals(salesBefore), STATS);
        assertThat(bob.text("stats-sell-through")).endsWith("%");
        assertThat(bob.text("stats-sell-through-detail")).matches("\\d+ sold of \\d+ ended");
    }

    private static void bidAsCarol(String auctionId, String amount) {
        bid(carol, auctionId, amount);
    }

    private static void bid(User bidder, String auctionId, String amount) {
        Http.Response response = stack.http()
                .post("/api/auctions/" + auctionId + "/bids", bidder.token(), "{\"amount\":" + amount + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static Duration remaining(Instant since) {
        return LIVE.minus(Duration.between(since, Instant.now()));
    }

    private static String unique() {
        return "#" + UUID.randomUUID().toString().substring(0, 6);
    }
}
