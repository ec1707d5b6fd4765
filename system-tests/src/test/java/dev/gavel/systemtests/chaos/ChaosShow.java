package dev.gavel.systemtests.chaos;

import static dev.gavel.systemtests.support.Messages.message;

import dev.gavel.systemtests.support.Messages;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A seller's live shows under faults, run as the web page's host runs them: announce a show with a lineup, let the
 * viewers join and pre-bid before it starts, go live, run the lots one after another (a lot that went unsold once
 * more) and end the show; then the next show. A host's commands carry no id of the client's, so none is sent twice
 * blindly: after an unknown outcome the host looks at the show, as it is shown it, and goes on from there.
 */
final class ChaosShow {

    private static final int LOTS = 4;

    /** How long the viewers have to pre-bid before the show goes live. */
    private static final Duration BEFORE_THE_SHOW = Duration.ofSeconds(3);

    /** How long a host waits for the show to show the outcome of a command that may or may not have been taken. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    /** How long a lot may run, its soft close and any fault included, before the host gives up on it. */
    private static final Duration LOT_ENDS = Duration.ofMinutes(2);

    private final ChaosClient host;
    private final List<ChaosClient> viewers;
    private final Random random;
    private int shows;

    ChaosShow(ChaosClient host, List<ChaosClient> viewers, long seed) {
        this.host = host;
        this.viewers = viewers;
        this.random = new Random(seed);
    }

    /** Runs shows one after another until {@code stop}, and ends the one under way; returns how many were ended. */
    int runUntil(AtomicBoolean stop) {
        host.connect();
        int ended = 0;
        while (!stop.get()) {
            if (runOne(stop)) {
                ended++;
            }
        }
        return ended;
    }

    private boolean runOne(AtomicBoolean stop) {
        String showId = null;
        for (int attempt = 0; showId == null && attempt < 3; attempt++) {
            showId = host.createShow("Chaos show " + ++shows, Duration.ofMinutes(1));
        }
        if (showId == null) {
            return false;
        }
        for (int lotNo = 1; lotNo <= LOTS; lotNo++) {
            // Every third lot has a reserve no bidder reaches: it goes unsold, and is run again.
            host.host(
                    showId,
                    message("add-lot")
                            .with("title", "Lot " + lotNo)
                            .with("startingPrice", 5 + lotNo)
                            .with("reservePrice", lotNo % 3 == 0 ? 900 : null));
        }
        for (ChaosClient viewer : viewers) {
            viewer.watch(showId);
        }
        pause(BEFORE_THE_SHOW);
        settle(showId, message("start-show"), show -> !"SCHEDULED".equals(status(show)));
        Predicate<JsonNode> noLotRuns = show -> show.path("currentLotNo").isNull();
        for (int attempts = 0; attempts < 4 * LOTS && !stop.get(); attempts++) {
            JsonNode show = host.show(showId);
            if (show != null && !noLotRuns.test(show)) {
                host.awaitShow(showId, noLotRuns, LOT_ENDS);
                continue;
            }
            JsonNode next = nextLot(show);
            if (next == null) {
                break;
            }
            runLot(showId, next.path("lotNo").asInt(), next.path("runs").asInt());
        }
        host.awaitShow(showId, noLotRuns, LOT_ENDS);
        return settle(showId, message("end-show"), show -> "ENDED".equals(status(show)));
    }

    /** Runs a lot and waits until its run has ended, or until it is clear the lot did not start. */
    private void runLot(String showId, int lotNo, int runsBefore) {
        JsonNode reply = host.host(
                showId,
                message("run-lot")
                        .with("lotNo", lotNo)
                        .with("durationMs", 6_000 + random.nextInt(3_000))
                        .with("softCloseMs", 2_000));
        boolean accepted =
                reply != null && "show-accepted".equals(reply.path("type").asString());
        Predicate<JsonNode> ran = show -> runs(show, lotNo) > runsBefore;
        if (accepted || host.awaitShow(showId, ran, SETTLE)) {
            host.awaitShow(showId, ran.and(show -> show.path("currentLotNo").isNull()), LOT_ENDS);
        } else {
            host.awaitShow(showId, show -> show.path("currentLotNo").isNull(), SETTLE);
        }
    }

    /**
     * Sends a host's command until the show, as the host is shown it, has done what it asks: at most three times, and
     * never again once it was taken.
     */
    private boolean settle(String showId, Messages.Builder command, Predicate<JsonNode> done) {
        for (int attempt = 0; attempt < 3; attempt++) {
            JsonNode reply = host.host(showId, command);
            boolean accepted =
                    reply != null && "show-accepted".equals(reply.path("type").asString());
            if (host.awaitShow(showId, done, accepted ? LOT_ENDS : SETTLE)) {
                return true;
            }
            if (accepted) {
                return false;
            }
        }
        return false;
    }

    /** The lot to run next: the first of the lineup not run yet, else the first unsold one that ran once. */
    private static JsonNode nextLot(JsonNode show) {
        if (show == null || !"LIVE".equals(status(show))) {
            return null;
        }
        JsonNode again = null;
        for (JsonNode lot : show.path("lineup")) {
            String status = lot.path("status").asString();
            if (status.equals("SCHEDULED")) {
                return lot;
            }
            if (again == null && status.equals("UNSOLD") && lot.path("runs").asInt() < 2) {
                again = lot;
            }
        }
        return again;
    }

    private static int runs(JsonNode show, int lotNo) {
        for (JsonNode lot : show.path("lineup")) {
            if (lot.path("lotNo").asInt() == lotNo) {
                return lot.path("runs").asInt();
            }
        }
        return 0;
    }

    private static String status(JsonNode show) {
        return show.path("status").asString();
    }

    /** Lets time pass, as a host waits for the audience: not a wait for a condition. */
    private static void pause(Duration duration) {
        new CompletableFuture<Void>()
                .completeOnTimeout(null, duration.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }
}
