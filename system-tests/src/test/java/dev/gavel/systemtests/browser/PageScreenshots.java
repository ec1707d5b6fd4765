package dev.gavel.systemtests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.browser.GavelPage.Viewport;
import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Http;
import dev.gavel.systemtests.support.Json;
import dev.gavel.systemtests.support.Users.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's screenshots: the lobby and an auction room, on a desktop and on a phone, with a few realistic auctions.
 * Not part of the regular build (the class name does not end in Test, and the shared broker would hold other tests'
 * auctions); run it alone, in a fresh JVM, whose broker then holds only these auctions:
 *
 * <pre>
 * ./mvnw -q -pl system-tests -am verify -Dtest=PageScreenshots -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgavel.screenshots=../docs/screenshots
 * </pre>
 *
 * The folder is relative to the system-tests module; without the property the pictures go to target/screenshots.
 */
class PageScreenshots {

    private static final long MINUTE = 60_000;

    private final GavelStack stack = GavelStack.shared();
    private final Path folder = Path.of(System.getProperty("gavel.screenshots", "target/screenshots"));

    @Test
    void lobbyAndRoomOnDesktopAndPhone() throws IOException {
        User vault = stack.signIn("VintageVault");
        User cards = stack.signIn("Kai's Cards");
        User retro = stack.signIn("RetroRoom");
        List<User> bidders = List.of(stack.signIn("jonas"), stack.signIn("priya"), stack.signIn("li.wei"));

        String charizard = create(
                cards,
                Map.of(
                        "title",
                        "1999 Pokémon Base Set Charizard, PSA 8",
                        "description",
                        "Holo, unlimited print run. Graded 8 by PSA, slab in excellent condition.\n"
                                + "Ships insured the next working day.",
                        "startingPrice",
                        250,
                        "durationMs",
                        4 * MINUTE,
                        "softCloseMs",
                        15_000));
        create(
                retro,
                Map.of(
                        "title",
                        "Nintendo Game Boy Color, atomic purple, boxed",
                        "startingPrice",
                        40,
                        "buyNowPrice",
                        120,
                        "durationMs",
                        12 * MINUTE));
        String milesDavis = create(
                vault,
                Map.of(
                        "title",
                        "Miles Davis, Kind of Blue, 1959 first pressing LP",
                        "startingPrice",
                        150,
                        "reservePrice",
                        400,
                        "durationMs",
                        26 * MINUTE));
        create(
                vault,
                Map.of(
                        "title",
                        "Omega Seamaster 300, 1967, serviced",
                        "startingPrice",
                        1200,
                        "durationMs",
                        58 * MINUTE));
        String jordans = create(
                retro,
                Map.of(
                        "title",
                        "Air Jordan 1 Chicago (1985), size 10",
                        "startingPrice",
                        900,
                        "mode",
                        "sudden-death",
                        "durationMs",
                        7 * MINUTE));
        create(
                cards,
                Map.of(
                        "title",
                        "LEGO 10179 Millennium Falcon UCS, sealed",
                        "startingPrice",
                        600,
                        "durationMs",
                        125 * MINUTE));
        bid(bidders.get(0), milesDavis, 150);
        bid(bidders.get(1), milesDavis, 175);
        bid(bidders.get(2), jordans, 950);

        try (GavelPage phone = GavelPage.open(stack.httpBase(), Viewport.PHONE);
                GavelPage desktop = GavelPage.open(stack.httpBase(), Viewport.DESKTOP)) {
            User maya = stack.signIn("maya");
            phone.signInWithToken(maya.token(), "maya");
            desktop.signInWithToken(maya.token(), "maya");
            for (GavelPage page : List.of(desktop, phone)) {
                page.waitUntil("the lobby", d -> page.lobbyCard(charizard).isDisplayed());
            }
            save(desktop, "lobby-desktop.png");
            save(phone, "lobby-phone.png");

            // Maya follows the room while the bidding war goes on, bids herself, and is outbid at once.
            desktop.go("/auction/" + charizard);
            phone.go("/auction/" + charizard);
            phone.waitUntil("the room", d -> phone.isShown("quick-bid"));
            int[] amounts = {250, 265, 280, 300, 320};
            for (int i = 0; i < amounts.length; i++) {
                bid(bidders.get(i % bidders.size()), charizard, amounts[i]);
            }
            phone.waitForText("current-price", "320.00"::equals);
            phone.byTestId("quick-bid").click();
            phone.waitForText("my-status", "You're winning!"::equals);
            bid(bidders.get(2), charizard, 340);
            for (GavelPage page : List.of(desktop, phone)) {
                page.waitForText("my-status", text -> text.startsWith("Outbid"));
                assertThat(page.overflowsHorizontally()).isFalse();
            }
            save(desktop, "room-desktop.png");
            save(phone, "room-phone.png");
        }
    }

    private String create(User seller, Map<String, Object> fields) {
        Http.Response response = stack.http().post("/api/auctions", seller.token(), Json.write(fields));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("auction").path("id").asString();
    }

    private void bid(User bidder, String auctionId, int amount) {
        Http.Response response = stack.http()
                .post("/api/auctions/" + auctionId + "/bids", bidder.token(), "{\"amount\":" + amount + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private void save(GavelPage page, String name) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve(name), page.screenshot());
    }
}
