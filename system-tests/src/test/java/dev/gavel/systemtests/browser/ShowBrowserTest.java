package dev.gavel.systemtests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.browser.GavelPage.Viewport;
import dev.gavel.systemtests.support.GavelStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A show in real browsers against the real stack: the host at a desktop announces it, fills the lineup, goes live and
 * runs the lots; a viewer on a phone finds it in the lobby before it starts, pre-bids, and follows every lot as it
 * starts without doing anything. With {@code -Dgavel.screenshots=<folder>} it also takes the README's pictures of
 * the show room.
 */
class ShowBrowserTest {

    /** A 15 s lot, and the close after it, on a busy machine. */
    private static final Duration LOT = Duration.ofSeconds(40);

    private static GavelStack stack;
    private static GavelPage host;
    private static GavelPage viewer;

    @BeforeAll
    static void openBrowsers() {
        stack = GavelStack.shared();
        host = GavelPage.open(stack.httpBase(), Viewport.DESKTOP);
        viewer = GavelPage.open(stack.httpBase(), Viewport.PHONE);
        host.signIn("RecordRoom");
        viewer.signIn("vera");
    }

    @AfterAll
    static void closeBrowsers() {
        for (GavelPage page : new GavelPage[] {host, viewer}) {
            if (page != null) {
                page.close();
            }
        }
    }

    @Test
    void aViewerFollowsTheShowFromTheLineupThroughEveryLotToItsEnd() throws IOException {
        // Markup in a title must show as text, never become markup.
        String title = "Vinyl <b>night</b> " + UUID.randomUUID().toString().substring(0, 6);
        String showId = host.hostShow(title);
        host.addLot("Signed <i>LP</i>, 1978 pressing", "20", 1);
        host.addLot("Tour poster", "5", 2);

        viewer.go("/");
        viewer.openShowFromLobby(showId);
        assertThat(viewer.text("show-title")).isEqualTo(title);
        assertThat(viewer.lotState(1)).isEqualTo("Up next");
        // The host and the viewer watch it.
        host.waitForText("show-audience", "2 watching"::equals);
        viewer.preBid(1, "30");
        viewer.waitForText("show-feedback", text -> text.contains("pre-bid of up to 30.00 on lot 1 is in"));

        host.goLive();
        host.runLot(1);
        // The viewer's page moves onto the lot's auction by itself; the pre-bid is in it at the starting price.
        viewer.waitForText("now-heading", "Lot 1 is on"::equals);
        assertThat(viewer.lotRoomAuctionId()).isEqualTo(showId + "_1_1");
        viewer.waitForText("current-price", "20.00"::equals);
        viewer.waitForText("leader", text -> text.startsWith("Leading: vera"));
        assertThat(viewer.lotStatus(1)).isEqualTo("RUNNING");
        viewer.waitForText("ended-banner", text -> text.contains("You won"), LOT);
        viewer.waitForText("lot-1", text -> text.contains("Sold to you for 20.00"));
        host.waitForText("lot-1", text -> text.contains("Sold to vera for 20.00"));

        host.runLot(2);
        viewer.waitForText("now-heading", "Lot 2 is on"::equals);
        assertThat(viewer.lotRoomAuctionId()).isEqualTo(showId + "_2_1");
        screenshots();
        viewer.waitForText("lot-2", text -> text.contains("Unsold"), LOT);
        host.waitForText("run-lot-2", "Run again"::equals);

        host.endShow();
        host.waitForText("show-status", text -> text.startsWith("Ended · 1 of 2 lots sold"));
        viewer.waitForText("show-status", text -> text.startsWith("Ended"));
        assertThat(viewer.scriptErrors()).isEmpty();
        assertThat(host.scriptErrors()).isEmpty();
    }

    /** The show room as the README shows it, when asked for: the host's desktop and the viewer's phone. */
    private static void screenshots() throws IOException {
        String folder = System.getProperty("gavel.screenshots");
        if (folder == null) {
            return;
        }
        Files.createDirectories(Path.of(folder));
        Files.write(Path.of(folder, "show-room-desktop.png"), host.screenshot());
        Files.write(Path.of(folder, "show-room-phone.png"), viewer.screenshot());
    }
}
