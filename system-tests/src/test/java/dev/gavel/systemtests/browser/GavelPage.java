package dev.gavel.systemtests.browser;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Gavel web page in its own headless Chromium, with the actions a person takes on it. Elements are found by their
 * {@code data-testid}; every wait is explicit. The browser and its driver are Debian's chromium and chromium-driver
 * packages unless {@code gavel.browser.binary} and {@code gavel.browser.driver} name others: Selenium Manager is never
 * asked to download one.
 */
final class GavelPage implements AutoCloseable {

    /** A CSS viewport, the device pixel ratio its screenshots are taken at, and whether it is a touch phone. */
    record Viewport(int width, int height, double pixelRatio, boolean phone) {
        static final Viewport DESKTOP = new Viewport(1280, 800, 1, false);
        static final Viewport PHONE = new Viewport(390, 844, 2, true);
    }

    static final Duration WAIT = Duration.ofSeconds(10);

    private static final String BINARY = System.getProperty("gavel.browser.binary", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("gavel.browser.driver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final URI base;

    private GavelPage(ChromeDriver driver, Path profile, URI base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    static GavelPage open(URI base, Viewport viewport) {
        Path profile = tempDir();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-sync",
                "--disable-component-update",
                "--user-data-dir=" + profile,
                "--window-size=" + viewport.width() + "," + viewport.height());
        // The page's console, for scriptErrors().
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        // Device metrics make the viewport exactly this size (a headless window's size includes its frame).
        options.setExperimentalOption(
                "mobileEmulation",
                Map.of(
                        "deviceMetrics",
                        Map.of(
                                "width", viewport.width(),
                                "height", viewport.height(),
                                "pixelRatio", viewport.pixelRatio(),
                                "mobile", viewport.phone(),
                                "touch", viewport.phone())));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        GavelPage page = new GavelPage(driver, profile, base);
        page.go("/");
        return page;
    }

    // --- Navigation -------------------------------------------------------------------------------------------

    /** Opens a route of the page: "/", "/sell" or "/auction/{id}". */
    void go(String route) {
        driver.get(base.resolve("/#" + route).toString());
    }

    void reload() {
        driver.navigate().refresh();
    }

    String route() {
        return URI.create(driver.getCurrentUrl()).getFragment();
    }

    // --- Actions ----------------------------------------------------------------------------------------------

    /** Signs in with a display name, for a demo token: a new user each time. */
    void signIn(String name) {
        type("signin-name", name);
        click("signin-submit");
        awaitSignedIn(name);
    }

    /** Signs in with a display name as a moderator, for a demo token with the moderator role. */
    void signInAsModerator(String name) {
        type("signin-name", name);
        click("signin-moderator");
        click("signin-submit");
        awaitSignedIn(name);
    }

    /** Signs in by pasting a token, as with an identity provider's: the same user on every page that pastes it. */
    void signInWithToken(String token, String name) {
        driver.findElement(By.cssSelector(".signin-token summary")).click();
        type("signin-token", token);
        click("signin-token-submit");
        awaitSignedIn(name);
    }

    private void awaitSignedIn(String name) {
        waitUntil("signed in as " + name, d -> text("account-name").equals(name));
        waitUntil("the WebSocket is open", d -> isOnline());
    }

    /** Creates an auction through the form and waits for its room; returns its id. */
    String createAuction(AuctionForm form) {
        go("/sell");
        type("sell-title", form.title());
        type("sell-description", form.description());
        type("sell-starting-price", form.startingPrice());
        type("sell-duration", String.valueOf(form.durationSeconds()));
        new Select(byTestId("sell-duration-unit")).selectByVisibleText("seconds");
        if (form.buyNowPrice() != null) {
            type("sell-buy-now", form.buyNowPrice());
        }
        if (form.reservePrice() != null) {
            type("sell-reserve", form.reservePrice());
        }
        type("sell-soft-close", String.valueOf(form.softCloseSeconds()));
        click("sell-submit");
        waitUntil("the new auction's room", d -> route().startsWith("/auction/") && isShown("room"));
        return byTestId("room").getAttribute("data-auction-id");
    }

    void openRoom(String auctionId) {
        go("/auction/" + auctionId);
        waitUntil("the room of " + auctionId, d -> isShown("room"));
    }

    void openFromLobby(String auctionId) {
        lobbyCard(auctionId).findElement(By.tagName("a")).click();
        waitUntil("the room of " + auctionId, d -> isShown("room"));
    }

    // --- Shows ------------------------------------------------------------------------------------------------

    /** Announces a show through the host form and waits for its room; returns its id. */
    String hostShow(String title) {
        go("/host");
        type("show-title-input", title);
        click("host-submit");
        waitUntil("the new show's room", d -> route().startsWith("/show/") && isShown("show"));
        return byTestId("show").getAttribute("data-show-id");
    }

    /** Adds a lot from the host panel and waits until the lineup holds {@code lotNo}. */
    void addLot(String title, String startingPrice, int lotNo) {
        type("lot-title", title);
        type("lot-starting-price", startingPrice);
        click("add-lot");
        waitUntil("lot " + lotNo + " in the lineup", d -> isShown("lot-" + lotNo));
    }

    void openShow(String showId) {
        go("/show/" + showId);
        waitUntil("the room of show " + showId, d -> isShown("show"));
    }

    void openShowFromLobby(String showId) {
        waitUntil("show " + showId + " in the lobby", d -> !showCards(showId).isEmpty());
        showCards(showId).get(0).findElement(By.tagName("a")).click();
        waitUntil("the room of show " + showId, d -> isShown("show"));
    }

    List<WebElement> showCards(String showId) {
        return driver.findElements(By.cssSelector("[data-testid='show-item'][data-show-id='" + showId + "']"));
    }

    void preBid(int lotNo, String maxAmount) {
        type("pre-bid-amount-" + lotNo, maxAmount);
        click("pre-bid-" + lotNo);
    }

    void goLive() {
        click("start-show");
        waitUntil("the show is live", d -> text("show-status").startsWith("Live"));
    }

    /** Runs a lot with the shortest timer, as the host. */
    void runLot(int lotNo) {
        new Select(byTestId("run-duration")).selectByValue("15000");
        waitUntil("lot " + lotNo + " can be run", d -> isShown("run-lot-" + lotNo));
        click("run-lot-" + lotNo);
    }

    void endShow() {
        click("end-show");
    }

    /** The status of a lot of the lineup, as its row says: SCHEDULED, RUNNING, SOLD or UNSOLD. */
    String lotStatus(int lotNo) {
        return byTestId("lot-" + lotNo).getAttribute("data-status");
    }

    String lotState(int lotNo) {
        return byTestId("lot-" + lotNo)
                .findElement(By.cssSelector("[data-testid='lot-state']"))
                .getText();
    }

    /** The auction shown as the show's running (or last) lot. */
    String lotRoomAuctionId() {
        return byTestId("show-now")
                .findElement(By.cssSelector("[data-testid='room']"))
                .getAttribute("data-auction-id");
    }

    /** Errors the page's scripts logged, as the browser reports them. */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("favicon"))
                .toList();
    }

    void bidCustom(String amount) {
        type("bid-amount", amount);
        click("place-bid");
    }

    /** Buy now and cancel ask for a second click before they act. */
    void clickTwice(String testId) {
        click(testId);
        click(testId);
    }

    /**
     * Closes the page's WebSockets with the network off, as when a phone loses its signal, and leaves the network
     * off until {@link #goOnline}. A browser offers no way to cut one open WebSocket, so a script injected before the
     * page's own keeps a list of the sockets it opens.
     */
    void dropConnection() {
        cdp("Network.enable", Map.of());
        cdp("Network.emulateNetworkConditions", network(true));
        ((JavascriptExecutor) driver).executeScript("window.__sockets.forEach(socket => socket.close())");
    }

    void goOnline() {
        cdp("Network.emulateNetworkConditions", network(false));
    }

    /** Sets the device's clock off by {@code skew}, as on a phone whose clock is wrong, and reloads the page. */
    void skewClock(Duration skew) {
        cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "const deviceNow = Date.now.bind(Date); Date.now = () => deviceNow() + " + skew.toMillis()
                                + ";"));
        reload();
    }

    /** Must be called before the page is loaded for {@link #dropConnection} to find the sockets. */
    void trackSockets() {
        cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "window.__sockets = []; const Native = window.WebSocket;"
                                + " window.WebSocket = class extends Native {"
                                + " constructor(...args) { super(...args); window.__sockets.push(this); } };"));
    }

    byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    // --- Reading the page -------------------------------------------------------------------------------------

    WebElement byTestId(String testId) {
        return driver.findElement(By.cssSelector("[data-testid='" + testId + "']"));
    }

    String text(String testId) {
        return byTestId(testId).getText();
    }

    boolean isShown(String testId) {
        List<WebElement> found = driver.findElements(By.cssSelector("[data-testid='" + testId + "']"));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    boolean isOnline() {
        return "online".equals(driver.findElement(By.tagName("body")).getAttribute("data-connection"));
    }

    WebElement lobbyCard(String auctionId) {
        return driver.findElement(By.cssSelector("[data-testid='lobby-item'][data-auction-id='" + auctionId + "']"));
    }

    WebElement hotAuction(String auctionId) {
        return driver.findElement(
                By.cssSelector("[data-testid='stats-hot-item'][data-auction-id='" + auctionId + "']"));
    }

    List<String> historyEntries() {
        return driver.findElements(By.cssSelector("[data-testid='bid-entry']")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The countdown's seconds left, from its text (m:ss). */
    int secondsLeft() {
        String[] parts = text("countdown").split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }

    long endsAt() {
        return Long.parseLong(byTestId("countdown").getAttribute("data-ends-at"));
    }

    /** Whether the whole element is on the first screen, without scrolling. */
    boolean isOnFirstScreen(String testId) {
        return (Boolean) ((JavascriptExecutor) driver)
                .executeScript(
                        "const r = arguments[0].getBoundingClientRect();"
                                + " return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0;",
                        byTestId(testId));
    }

    /** Whether the document is wider than the viewport, which on a phone means sideways scrolling. */
    boolean overflowsHorizontally() {
        return (Boolean) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth > window.innerWidth");
    }

    // --- Waiting ----------------------------------------------------------------------------------------------

    void waitUntil(String what, ExpectedCondition<Boolean> condition) {
        waitUntil(() -> what, condition, WAIT);
    }

    void waitUntil(Supplier<String> what, ExpectedCondition<Boolean> condition, Duration timeout) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .withMessage(what)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .ignoring(NumberFormatException.class)
                .until(condition);
    }

    /** Waits until the element's text satisfies {@code expected}; returns that text. */
    String waitForText(String testId, Predicate<String> expected, Duration timeout) {
        AtomicReference<String> seen = new AtomicReference<>();
        waitUntil(
                () -> testId + " did not show the expected text; it showed: " + seen.get(),
                d -> {
                    seen.set(text(testId));
                    return expected.test(seen.get());
                },
                timeout);
        return seen.get();
    }

    String waitForText(String testId, Predicate<String> expected) {
        return waitForText(testId, expected, WAIT);
    }

    // --- Plumbing ---------------------------------------------------------------------------------------------

    private void type(String testId, String value) {
        WebElement input = byTestId(testId);
        input.clear();
        input.sendKeys(value);
    }

    private void click(String testId) {
        byTestId(testId).click();
    }

    private void cdp(String command, Map<String, Object> parameters) {
        driver.executeCdpCommand(command, parameters);
    }

    private static Map<String, Object> network(boolean offline) {
        return Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("gavel-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A leftover temp folder is harmless.
        }
    }
}
