package dev.gavel.loadgen.scenario;

import dev.gavel.events.BidIncrements;
import dev.gavel.loadgen.check.Failures;
import dev.gavel.loadgen.check.RequestLedger;
import dev.gavel.loadgen.check.RunFailure;
import dev.gavel.loadgen.check.SeqChecker;
import dev.gavel.loadgen.metrics.LatencyRecorder;
import dev.gavel.loadgen.metrics.Pacer;
import dev.gavel.loadgen.report.Results;
import dev.gavel.loadgen.ws.Frame;
import dev.gavel.loadgen.ws.Gateway;
import dev.gavel.loadgen.ws.Messages;
import dev.gavel.loadgen.ws.ResourceSampler;
import dev.gavel.loadgen.ws.WsConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A seller's live show with thousands of viewers: each viewer, a user of its own, joins the show
 * ({@code subscribe-show}) before it starts and never subscribes to an auction; the host runs the lots back to back,
 * the next as soon as the show says the last one ended, and bidders take turns on each lot while it runs. It measures
 * what a viewer of a show lives by: the time from the host's {@code run-lot} until the viewer has the lot (the
 * show's {@code lot-started}, and the lot's auction it is attached to), and, while the lot runs, the price freshness
 * as {@link FanoutScenario} does. A viewer never shown a lot, or never shown a lot's last price, fails the run.
 */
@Command(
        name = "show",
        header = "A live show with thousands of viewers",
        description = "Viewers of a show whose host runs lots back to back: run-lot -> lot visible, and price"
                + " freshness.")
public class ShowScenario extends Scenario {

    @Option(names = "--viewers", description = "WebSockets watching the show (default: ${DEFAULT-VALUE}).")
    int viewers = 5_000;

    @Option(names = "--lots", description = "Lots run and measured (default: ${DEFAULT-VALUE}).")
    int lots = 10;

    @Option(
            names = "--warmup-lots",
            description = "Lots run first and not measured, while the stack warms up (default: ${DEFAULT-VALUE}).")
    int warmupLots = 1;

    @Option(
            names = "--lot-ms",
            description = "Each lot's timer, at least the protocol's 5 s; bids stop 1.5 s before it ends"
                    + " (default: ${DEFAULT-VALUE}).")
    long lotMillis = 6_000;

    @Option(names = "--rate", description = "Bids/s on the running lot (default: ${DEFAULT-VALUE}).")
    int rate = 50;

    @Option(
            names = "--bidders",
            description =
                    "Users taking turns to bid, so every bid outbids another user" + " (default: ${DEFAULT-VALUE}).")
    int bidders = 4;

    @Mixin
    private final Updates updates = new Updates("latest");

    private static final long STARTING_PRICE_CENTS = 100;

    /** Bids stop this long before a lot's timer runs out, so that none of the measured bids comes too late. */
    private static final long BIDDING_STOPS_BEFORE_END_MILLIS = 1_500;

    private static final long REPLY_TIMEOUT_SECONDS = 30;

    /** Longer than this without an answer after the audience left, and the gateway is called stuck. */
    private static final long GATEWAY_SILENCE_LIMIT_SECONDS = 60;

    private Failures failures;
    private long[] amounts;
    private long[][] intended;
    /** When the host sent each lot's {@code run-lot}, read by every viewer's thread. */
    private AtomicLongArray runLotSent;

    private CountDownLatch[] firstViewer;
    private CountDownLatch[] lotEnded;
    private AtomicIntegerArray lastAccepted;
    private Map<String, Integer> lotOfAuction;
    private LatencyRecorder lotVisible;
    private LatencyRecorder lotNews;
    private LatencyRecorder runLotReply;
    private LatencyRecorder addLotReply;
    private LatencyRecorder freshness;
    private LatencyRecorder roundTrip;
    private volatile long windowStart = Long.MAX_VALUE;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final List<Viewer> viewerHandlers = new ArrayList<>();

    @Override
    public void quick() {
        viewers = 200;
        lots = 2;
        rate = 20;
    }

    @Override
    public void run(RunContext context, Results.Builder result) throws Exception {
        String updates = this.updates.mode();
        if (viewers < 1 || lots < 1 || warmupLots < 0 || bidders < 1 || rate < 1) {
            throw new IllegalArgumentException(
                    "--viewers, --lots, --bidders and --rate must be at least 1, --warmup-lots at least 0");
        }
        if (lotMillis < 5_000) {
            throw new IllegalArgumentException("--lot-ms must be at least 5000, the protocol's shortest lot");
        }
        int allLots = warmupLots + lots;
        int bidsPerLot = (int) (rate * (lotMillis - BIDDING_STOPS_BEFORE_END_MILLIS) / 1_000);
        result.setting("viewers", viewers)
                .setting("updates", updates)
                .setting("viewers_per_user", 1)
                .setting("lots", lots)
                .setting("warmup_lots", warmupLots)
                .setting("lot_ms", lotMillis)
                .setting("bids_per_second", rate)
                .setting("bids_per_lot", bidsPerLot)
                .setting("bidders", bidders);
        result.setting("gateway_limits", "defaults (10 connections per user, send queue 2,000 frames)");
        failures = new Failures();
        amounts = new long[bidsPerLot];
        BidIncrements increments = BidIncrements.DEFAULT;
        for (int k = 0; k < bidsPerLot; k++) {
            amounts[k] = k == 0 ? STARTING_PRICE_CENTS : amounts[k - 1] + increments.at(amounts[k - 1]);
        }
        intended = new long[allLots][bidsPerLot];
        runLotSent = new AtomicLongArray(allLots);
        firstViewer = new CountDownLatch[allLots];
        lotEnded = new CountDownLatch[allLots];
        for (int lot = 0; lot < allLots; lot++) {
            firstViewer[lot] = new CountDownLatch(1);
            lotEnded[lot] = new CountDownLatch(1);
        }
        lastAccepted = new AtomicIntegerArray(allLots);
        for (int lot = 0; lot < allLots; lot++) {
            lastAccepted.set(lot, -1);
        }
        lotVisible = LatencyRecorder.withoutWarmup();
        lotNews = LatencyRecorder.withoutWarmup();
        runLotReply = LatencyRecorder.withoutWarmup();
        addLotReply = LatencyRecorder.withoutWarmup();
        freshness = LatencyRecorder.withoutWarmup();
        roundTrip = LatencyRecorder.withoutWarmup();

        // The host and the bidders have a client of their own, as on their own phones: their replies must not wait in
        // the load generator behind the viewers' messages.
        try (Gateway gateway = new Gateway(context.gatewayUri(), context.ioThreads());
                Gateway hostGateway = new Gateway(context.gatewayUri(), 1);
                ResourceSampler sampler =
                        new ResourceSampler(gateway, context.gatewayManagementUri(), context.processorUri())) {
            long setupStart = System.nanoTime();
            Host host = new Host();
            List<WsConnection> hostConnection = hostGateway.connect("host", 1, h -> host);
            List<WsConnection> viewerConnections = List.of();
            List<WsConnection> bidderConnections = List.of();
            try {
                host.connection = hostConnection.get(0);
                String showId = host.prepare(context.runId(), allLots);
                Map<String, Integer> lotAuctions = new HashMap<>();
                for (int lot = 0; lot < allLots; lot++) {
                    lotAuctions.put(auctionId(showId, lot), lot);
                }
                lotOfAuction = Map.copyOf(lotAuctions);

                RequestLedger<String> subscriptions = new RequestLedger<>(failures);
                for (int v = 0; v < viewers; v++) {
                    viewerHandlers.add(new Viewer(subscriptions, allLots));
                }
                sampler.start();
                ResourceSampler.Sample before = sampler.latest();
                viewerConnections = gateway.connect("viewer", viewers, viewerHandlers::get);
                Audience.join(
                        viewerConnections,
                        subscriptions,
                        "watch-",
                        showId,
                        (requestId, show) -> Messages.subscribeShow(requestId, show, updates),
                        REPLY_TIMEOUT_SECONDS);
                failures.throwIfAny(name() + " (viewers joining the show)");
                Audience.recordHeap(result, before, sampler.latest());
                result.figure(
                        "setup_seconds",
                        "Preparing the show, connecting the viewers, joining them to it",
                        (System.nanoTime() - setupStart) / 1e9,
                        "s");

                RequestLedger<int[]> bids = new RequestLedger<>(failures);
                bidderConnections = hostGateway.connect("bidder", bidders, b -> new Bidder(bids));
                host.command("start", Messages.showCommand("start-show", "start", showId));
                for (int lot = 0; lot < allLots; lot++) {
                    if (lot == warmupLots) {
                        windowStart = System.nanoTime();
                    }
                    runLot(host, showId, lot, bids, bidderConnections);
                }
                long windowEnd = System.nanoTime();
                long deliveredInWindow = delivered.sum();
                host.command("end", Messages.showCommand("end-show", "end", showId));
                bids.awaitAnswers(TimeUnit.SECONDS.toNanos(REPLY_TIMEOUT_SECONDS));
                checkViewers(allLots);
                failures.throwIfAny(name());
                ResourceSampler.Summary usage = sampler.summary(windowStart, windowEnd);
                // The show is over and its audience leaves at once, as it does when a stream ends.
                long leaving = System.nanoTime();
                Gateway.closeAll(viewerConnections);
                viewerConnections = List.of();
                result.figure(
                        "gateway_answers_after_audience_left_s",
                        "All viewers left at once: the gateway answered a sign-in again after",
                        secondsUntilAnswered(gateway, leaving),
                        "s");
                report(result, usage, deliveredInWindow, windowEnd - windowStart);
            } finally {
                Gateway.closeAll(bidderConnections);
                Gateway.closeAll(viewerConnections);
                Gateway.closeAll(hostConnection);
            }
        }
    }

    /** The auction of a lot's first run, as the protocol names it. */
    private static String auctionId(String showId, int lot) {
        return showId + "_" + (lot + 1) + "_1";
    }

    /**
     * Runs one lot: the host's {@code run-lot}, then, once the first viewer has the lot, as a bidder watching the show
     * would, bids at the scenario's rate; returns when the show tells the host the lot ended.
     */
    private void runLot(Host host, String showId, int lot, RequestLedger<int[]> bids, List<WsConnection> bidders)
            throws InterruptedException {
        String runLot = "run-" + lot;
        runLotSent.set(lot, System.nanoTime());
        Frame accepted = host.command(runLot, Messages.runLot(runLot, showId, lot + 1, lotMillis));
        if (lot >= warmupLots) {
            runLotReply.record(runLotSent.get(lot), host.lastReplyNanos);
        }
        if (!auctionId(showId, lot).equals(accepted.currentAuctionId())) {
            throw new RunFailure(name() + ": run-lot " + (lot + 1) + " ran " + accepted.currentAuctionId());
        }
        if (!firstViewer[lot].await(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new RunFailure(name() + ": no viewer was shown lot " + (lot + 1) + " within " + REPLY_TIMEOUT_SECONDS
                    + " s of its run-lot");
        }
        String auctionId = auctionId(showId, lot);
        Pacer pacer = new Pacer(System.nanoTime(), rate);
        for (int k = 0; k < amounts.length; k++) {
            intended[lot][k] = pacer.intendedNanos(k);
        }
        for (int k = 0; k < amounts.length; k++) {
            pacer.awaitTurn(k);
            String requestId = "bid-" + lot + "-" + k;
            bids.sent(requestId, new int[] {lot, k});
            bidders.get(k % bidders.size()).send(Messages.placeBid(requestId, auctionId, amounts[k]));
        }
        if (!lotEnded[lot].await(lotMillis + TimeUnit.SECONDS.toMillis(REPLY_TIMEOUT_SECONDS), TimeUnit.MILLISECONDS)) {
            throw new RunFailure(name() + ": the show never told its host that lot " + (lot + 1) + " ended");
        }
    }

    /** How long after {@code sinceNanos} the gateway answers a request again; failing, if it stays silent. */
    private double secondsUntilAnswered(Gateway gateway, long sinceNanos) throws InterruptedException {
        long deadline = sinceNanos + TimeUnit.SECONDS.toNanos(GATEWAY_SILENCE_LIMIT_SECONDS);
        while (true) {
            try {
                gateway.token("after-the-show");
                return (System.nanoTime() - sinceNanos) / 1e9;
            } catch (IllegalStateException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new RunFailure(name() + ": the gateway answered nothing for " + GATEWAY_SILENCE_LIMIT_SECONDS
                            + " s after the show's audience left: " + e.getMessage());
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    /** Every viewer must have been shown every lot, and each lot's last accepted price. */
    private void checkViewers(int allLots) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REPLY_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline && viewerHandlers.stream().anyMatch(viewer -> !viewer.sawAll(allLots))) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        for (int lot = 0; lot < allLots; lot++) {
            if (lastAccepted.get(lot) < 0) {
                failures.add("lot without a sale", "no bid was accepted on lot " + (lot + 1));
            }
            int l = lot;
            long notShown = viewerHandlers.stream()
                    .filter(viewer -> viewer.attached.get(l) == 0)
                    .count();
            if (notShown > 0) {
                failures.add("viewer never shown a lot", notShown + " viewers were never shown lot " + (lot + 1));
            }
            long behind = viewerHandlers.stream()
                    .filter(viewer -> viewer.covered.get(l) < lastAccepted.get(l))
                    .count();
            if (behind > 0) {
                failures.add(
                        "viewer missed the last price", behind + " viewers never saw lot " + (lot + 1) + "'s price");
            }
        }
    }

    private void report(Results.Builder result, ResourceSampler.Summary usage, long deliveredInWindow, long nanos) {
        result.latency(
                "lot_visible",
                "run-lot -> the viewer attached to the lot's auction, every viewer x every lot",
                lotVisible.percentiles());
        result.latency(
                "lot_news",
                "run-lot -> the show's lot-started at the viewer, every viewer x every lot",
                lotNews.percentiles());
        result.latency("run_lot_reply", "run-lot -> the host's show-accepted", runLotReply.percentiles());
        result.latency(
                "add_lot_reply",
                "add-lot -> the host's show-accepted, before the viewers came",
                addLotReply.percentiles());
        result.latency("freshness", "Price freshness, every viewer x every bid", freshness.percentiles());
        result.latency("bid_round_trip", "Bidder round trip during the show", roundTrip.percentiles());
        GatewayUsage.record(result, usage, deliveredInWindow, nanos / 1e9);
        result.figure(
                "show_viewers_told",
                "Audience the show told its first viewer, last count",
                viewerHandlers.get(0).audience,
                "viewers");
        result.figure("rejected_bids", "Bids rejected", rejected.sum(), "");
        result.figure("error_replies", "Error replies to bids", errors.sum(), "");
        result.note(String.format(
                Locale.ROOT,
                "%,d viewers were each shown all %d lots (%,d measured attachments); freshness is recorded once per"
                        + " viewer per bid (%,d samples), from each bid's intended send time.",
                viewers,
                warmupLots + lots,
                lotVisible.count(),
                freshness.count()));
    }

    /** The show's host: prepares it, then sends one command at a time and waits for its answer. */
    private final class Host extends CheckedHandler {
        private final Map<String, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
        WsConnection connection;
        volatile long lastReplyNanos;

        Host() {
            super(ShowScenario.this.failures);
        }

        /** Announces the show, adds its lots and watches it, as the host's page does: returns its id. */
        String prepare(String runId, int allLots) throws InterruptedException {
            String showId = command(
                            "create",
                            Messages.createShow("create", "Load test show " + runId, System.currentTimeMillis()))
                    .showId();
            Pacer pacer = new Pacer(System.nanoTime(), 10);
            for (int lot = 0; lot < allLots; lot++) {
                pacer.awaitTurn(lot);
                String requestId = "add-" + lot;
                long sent = System.nanoTime();
                Frame added = command(
                        requestId,
                        Messages.addLot(requestId, showId, "Load test lot " + (lot + 1), STARTING_PRICE_CENTS));
                addLotReply.record(sent, lastReplyNanos);
                if (added.lotNo() != lot + 1) {
                    throw new RunFailure(name() + ": add-lot " + (lot + 1) + " was numbered " + added.lotNo());
                }
            }
            Frame watching = request("watch", Messages.subscribeShow("watch", showId, "latest"));
            if (!watching.is("show-snapshot")) {
                throw new RunFailure(name() + ": the host's subscribe-show was answered " + watching.type());
            }
            return showId;
        }

        /** A show command that must be taken. */
        Frame command(String requestId, String message) throws InterruptedException {
            Frame reply = request(requestId, message);
            if (!reply.is("show-accepted")) {
                throw new RunFailure(name() + ": the show refused its host's " + requestId + ": " + reply.code());
            }
            return reply;
        }

        private Frame request(String requestId, String message) throws InterruptedException {
            CompletableFuture<Frame> reply = new CompletableFuture<>();
            pending.put(requestId, reply);
            connection.send(message);
            try {
                return reply.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new RunFailure(
                        name() + ": no reply to the host's " + requestId + " within " + REPLY_TIMEOUT_SECONDS + " s");
            }
        }

        @Override
        public void onFrame(WsConnection connection, Frame frame, long receivedNanos) {
            CompletableFuture<Frame> reply = frame.requestId() == null ? null : pending.remove(frame.requestId());
            if (reply != null) {
                lastReplyNanos = receivedNanos;
                reply.complete(frame);
            } else if (frame.is("show-updated") && "lot-ended".equals(frame.change())) {
                lotEnded[frame.lotNo() - 1].countDown();
            }
            // The rest is what the host's page shows of the show and of its running lot.
        }
    }

    private final class Viewer extends CheckedHandler {
        private final RequestLedger<String> subscriptions;
        private SeqChecker seq;
        private long showSeq = -1;
        /** When this viewer was attached to each lot's auction, 0 until it was; read by the run's thread. */
        final AtomicLongArray attached;
        /** Per lot, the highest bid index whose price this viewer has seen. */
        final AtomicIntegerArray covered;

        volatile long audience = -1;

        Viewer(RequestLedger<String> subscriptions, int allLots) {
            super(ShowScenario.this.failures);
            this.subscriptions = subscriptions;
            this.attached = new AtomicLongArray(allLots);
            this.covered = new AtomicIntegerArray(allLots);
            for (int lot = 0; lot < allLots; lot++) {
                covered.set(lot, -1);
            }
        }

        boolean sawAll(int allLots) {
            for (int lot = 0; lot < allLots; lot++) {
                if (attached.get(lot) == 0 || covered.get(lot) < lastAccepted.get(lot)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void onFrame(WsConnection connection, Frame frame, long receivedNanos) {
            if (seq == null) {
                seq = new SeqChecker(connection.name(), failures);
            }
            if (receivedNanos - windowStart >= 0) {
                delivered.increment();
            }
            switch (frame.type()) {
                case "show-snapshot" -> showSnapshot(connection, frame);
                case "show-updated" -> showUpdated(connection, frame, receivedNanos);
                case "show-viewers" -> audience = frame.viewers();
                case "snapshot" -> {
                    Integer lot = lot(frame);
                    if (lot == null) {
                        return;
                    }
                    if (frame.requestId() != null) {
                        failures.add(
                                "unexpected message",
                                "a snapshot answering " + frame.requestId() + " to a viewer of a show");
                    } else if (attached.get(lot) == 0) {
                        // The show attached the viewer to the lot; a viewer still behind gets it as the latest
                        // state, marked resync.
                        attach(lot, frame, receivedNanos);
                    } else if (!frame.resync()) {
                        failures.add("repeated snapshot", "a viewer was attached to lot " + (lot + 1) + " twice");
                    } else if (seq.resync(frame.auctionId(), frame.seq())) {
                        seen(lot, frame.currentBidCents(), receivedNanos);
                    }
                }
                case "auction-state" -> {
                    Integer lot = lot(frame);
                    if (lot != null && seq.state(frame.auctionId(), frame.seq())) {
                        seen(lot, frame.currentBidCents(), receivedNanos);
                    }
                }
                case "bid-updated", "auction-extended", "auction-ended" -> {
                    Integer lot = lot(frame);
                    if (lot != null && seq.event(frame.auctionId(), frame.seq()) && frame.is("bid-updated")) {
                        seen(lot, frame.currentBidCents(), receivedNanos);
                    }
                }
                case "error" -> {
                    subscriptions.answered(frame.requestId(), frame.type());
                    failures.add("subscription refused", frame.code() + " for " + frame.requestId());
                }
                default -> failures.add("unexpected message", frame.type() + " to a viewer of a show");
            }
        }

        private void showSnapshot(WsConnection connection, Frame snapshot) {
            if (snapshot.requestId() != null) {
                if (subscriptions.answered(snapshot.requestId(), snapshot.type()) != null) {
                    showSeq = snapshot.seq();
                }
            } else if (snapshot.resync() && snapshot.seq() >= showSeq) {
                // Behind: the latest show in place of the updates not read yet, announced.
                showSeq = snapshot.seq();
            } else {
                failures.add(
                        "stale show snapshot",
                        connection.name() + " got the show at seq " + snapshot.seq() + " after " + showSeq);
            }
        }

        private void showUpdated(WsConnection connection, Frame update, long receivedNanos) {
            if (showSeq < 0 || update.seq() != showSeq + 1) {
                failures.add(
                        "gap in show seq",
                        connection.name() + " got show seq " + update.seq() + " right after " + showSeq);
            }
            showSeq = Math.max(showSeq, update.seq());
            int lot = update.lotNo() - 1;
            if ("lot-started".equals(update.change()) && lot >= warmupLots) {
                lotNews.record(runLotSent.get(lot), receivedNanos);
            }
        }

        private void attach(int lot, Frame snapshot, long receivedNanos) {
            seq.snapshot(snapshot.auctionId(), snapshot.seq());
            attached.set(lot, receivedNanos);
            firstViewer[lot].countDown();
            if (lot >= warmupLots) {
                lotVisible.record(runLotSent.get(lot), receivedNanos);
            }
            seen(lot, snapshot.currentBidCents(), receivedNanos);
        }

        private Integer lot(Frame frame) {
            Integer lot = lotOfAuction.get(frame.auctionId());
            if (lot == null) {
                failures.add(
                        "unexpected message", frame.type() + " of " + frame.auctionId() + ", not a lot of the show");
            }
            return lot;
        }

        private void seen(int lot, long priceCents, long receivedNanos) {
            if (priceCents < 0) {
                return; // no bid yet
            }
            int k = Arrays.binarySearch(amounts, priceCents);
            if (k < 0) {
                failures.add("unknown price", "a price no bid offered: " + priceCents);
                return;
            }
            int before = covered.get(lot);
            if (k <= before) {
                return;
            }
            if (lot >= warmupLots) {
                for (int i = before + 1; i <= k; i++) {
                    freshness.record(intended[lot][i], receivedNanos);
                }
            }
            covered.set(lot, k);
        }
    }

    private final class Bidder extends Requester<int[]> {
        Bidder(RequestLedger<int[]> ledger) {
            super(ShowScenario.this.failures, ledger);
        }

        @Override
        protected void onReply(int[] bid, Frame frame, long receivedNanos) {
            int lot = bid[0];
            int k = bid[1];
            switch (frame.type()) {
                case "bid-accepted" -> {
                    if (lot >= warmupLots) {
                        roundTrip.record(intended[lot][k], receivedNanos);
                    }
                    lastAccepted.accumulateAndGet(lot, k, Math::max);
                }
                case "bid-rejected" -> {
                    if (lot >= warmupLots) {
                        roundTrip.record(intended[lot][k], receivedNanos);
                    }
                    rejected.increment();
                }
                case "error" -> errors.increment();
                default -> failures.add("mangled reply", frame.type() + " answers a bid");
            }
        }
    }
}
