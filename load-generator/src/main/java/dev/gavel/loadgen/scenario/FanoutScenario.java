package dev.gavel.loadgen.scenario;

import dev.gavel.events.BidIncrements;
import dev.gavel.loadgen.check.Failures;
import dev.gavel.loadgen.check.RequestLedger;
import dev.gavel.loadgen.check.RunFailure;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * V viewers watch one auction while bidders raise its price at R bids/s. For every (viewer, bid) pair, the price
 * freshness is the time from the bid's intended send until that viewer has seen that price or a newer one; it covers
 * the gateway, the processor's commit, and the gateway's fan-out to thousands of sockets. Each viewer is a user of its
 * own, as on a phone of its own, and subscribes to the latest state; {@link EveryEvent} runs the same with viewers of
 * every event.
 */
@Command(
        name = "fanout",
        header = "Fan-out to viewers of one auction",
        description = "Viewers of one auction while it is bid on: price freshness per viewer.")
public class FanoutScenario extends Scenario {

    @Option(names = "--viewers", description = "WebSockets watching the auction (default: ${DEFAULT-VALUE}).")
    int viewers = 5_000;

    @Option(
            names = "--viewers-per-user",
            description = "Viewer connections per signed-in user, at most the gateway's"
                    + " connection limit per user (default: ${DEFAULT-VALUE}).")
    int viewersPerUser = 1;

    @Option(names = "--rate", description = "Bids/s on the auction (default: ${DEFAULT-VALUE}).")
    int rate = 50;

    @Option(
            names = "--bidders",
            description =
                    "Users taking turns to bid, so every bid outbids another user" + " (default: ${DEFAULT-VALUE}).")
    int bidders = 4;

    @Mixin
    private final Updates updates;

    @Mixin
    private final Window window = new Window(5, 30);

    public FanoutScenario() {
        this("latest");
    }

    private FanoutScenario(String updates) {
        this.updates = new Updates(updates);
    }

    private static final long STARTING_PRICE_CENTS = 100;

    private Failures failures;
    private long[] amounts;
    private long[] intended;
    private LatencyRecorder freshness;
    private LatencyRecorder roundTrip;
    private final LongAdder delivered = new LongAdder();
    private long windowStart;
    private long windowEnd;
    private final AtomicInteger lastAccepted = new AtomicInteger(-1);
    private final LongAdder rejected = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final List<Viewer> viewerHandlers = new ArrayList<>();

    @Override
    public void quick() {
        viewers = 200;
        rate = 20;
        window.shorten(1, 4);
    }

    @Override
    public void run(RunContext context, Results.Builder result) throws Exception {
        String updates = this.updates.mode();
        if (viewersPerUser < 1) {
            throw new IllegalArgumentException("--viewers-per-user must be at least 1, got " + viewersPerUser);
        }
        result.setting("viewers", viewers)
                .setting("updates", updates)
                .setting("viewers_per_user", viewersPerUser)
                .setting("bids_per_second", rate)
                .setting("bidders", bidders);
        window.record(result);
        result.setting("gateway_limits", "defaults (10 connections per user, send queue 2,000 frames)");
        failures = new Failures();
        int bids = window.operations(rate);
        amounts = new long[bids];
        intended = new long[bids];
        BidIncrements increments = BidIncrements.DEFAULT;
        for (int k = 0; k < bids; k++) {
            amounts[k] = k == 0 ? STARTING_PRICE_CENTS : amounts[k - 1] + increments.at(amounts[k - 1]);
        }
        // Bidders get a client of their own, as they would on their own phones: their replies must not wait in the
        // load generator behind the viewers' thousands of messages.
        try (Gateway gateway = new Gateway(context.gatewayUri(), context.ioThreads());
                Gateway bidderGateway = new Gateway(context.gatewayUri(), 1);
                ResourceSampler sampler =
                        new ResourceSampler(gateway, context.gatewayManagementUri(), context.processorUri())) {
            long setupStart = System.nanoTime();
            int users = (viewers + viewersPerUser - 1) / viewersPerUser;
            List<Gateway.User> viewerUsers = gateway.users("viewer", users);
            List<Gateway.User> perConnection = new ArrayList<>(viewers);
            RequestLedger<String> subscriptions = new RequestLedger<>(failures);
            for (int v = 0; v < viewers; v++) {
                perConnection.add(viewerUsers.get(v / viewersPerUser));
                viewerHandlers.add(new Viewer(subscriptions));
            }
            // Sampling from before the viewers connect shows what thousands of idle connections cost the gateway.
            sampler.start();
            ResourceSampler.Sample before = sampler.latest();
            List<WsConnection> viewerConnections;
            try {
                viewerConnections = gateway.connect("viewer", perConnection, viewerHandlers::get);
            } catch (RunFailure e) {
                ResourceSampler.Sample last = sampler.latest();
                throw new RunFailure(String.format(
                        Locale.ROOT,
                        "fanout: %s; the last time the gateway answered its metrics, its heap was %.0f of %.0f MB",
                        e.getMessage(),
                        last == null ? Double.NaN : last.gatewayHeapUsed() / 1e6,
                        last == null ? Double.NaN : last.gatewayHeapMax() / 1e6));
            }
            List<WsConnection> bidderConnections = List.of();
            try {
                double connectSeconds = (System.nanoTime() - setupStart) / 1e9;
                long remainingMs = TimeUnit.SECONDS.toMillis(60 + window.seconds())
                        + TimeUnit.NANOSECONDS.toMillis((long) (connectSeconds * 1e9));
                String auctionId = Sellers.create(
                                gateway,
                                context.runId(),
                                name(),
                                1,
                                1,
                                STARTING_PRICE_CENTS,
                                remainingMs,
                                failures,
                                created -> {})
                        .get(0)
                        .auctionId();
                Audience.join(
                        viewerConnections,
                        subscriptions,
                        "view-",
                        auctionId,
                        (requestId, auction) -> Messages.subscribe(requestId, auction, updates),
                        30);
                failures.throwIfAny(name() + " (subscribing viewers)");
                Audience.recordHeap(result, before, sampler.latest());
                result.figure(
                        "setup_seconds",
                        "Connecting and subscribing the viewers",
                        (System.nanoTime() - setupStart) / 1e9,
                        "s");

                RequestLedger<Integer> ledger = new RequestLedger<>(failures);
                bidderConnections = bidderGateway.connect("bidder", bidders, b -> new Bidder(ledger));

                long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                windowStart = window.measuredFrom(start);
                windowEnd = window.measuredUntil(start);
                freshness = LatencyRecorder.measuringFrom(windowStart);
                roundTrip = LatencyRecorder.measuringFrom(windowStart);
                Pacer pacer = new Pacer(start, rate);
                for (int k = 0; k < bids; k++) {
                    intended[k] = pacer.intendedNanos(k);
                }
                for (int k = 0; k < bids; k++) {
                    pacer.awaitTurn(k);
                    String requestId = "fanout-bid-" + k;
                    ledger.sent(requestId, k);
                    bidderConnections.get(k % bidders).send(Messages.placeBid(requestId, auctionId, amounts[k]));
                }
                ledger.awaitAnswers(TimeUnit.SECONDS.toNanos(15));
                awaitViewers(TimeUnit.SECONDS.toNanos(15));
                failures.throwIfAny(name());
                report(result, sampler.summary(windowStart, windowEnd));
            } finally {
                Gateway.closeAll(bidderConnections);
                Gateway.closeAll(viewerConnections);
            }
        }
    }

    /** Every viewer must end up with the last accepted price: anything less is an update lost on the way. */
    private void awaitViewers(long timeoutNanos) throws InterruptedException {
        int last = lastAccepted.get();
        if (last < 0) {
            throw new RunFailure(name() + ": no bid was accepted");
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline && viewerHandlers.stream().anyMatch(viewer -> viewer.covered < last)) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        long behind =
                viewerHandlers.stream().filter(viewer -> viewer.covered < last).count();
        if (behind > 0) {
            failures.add("viewer missed the last price", behind + " viewers never saw the final price");
        }
    }

    private void report(Results.Builder result, ResourceSampler.Summary usage) {
        double seconds = (windowEnd - windowStart) / 1e9;
        result.latency("freshness", "Price freshness, every viewer x every bid", freshness.percentiles());
        result.latency("bid_round_trip", "Bidder round trip under fan-out", roundTrip.percentiles());
        GatewayUsage.record(result, usage, delivered.sum(), seconds);
        result.figure("rejected_bids", "Bids rejected (overtaken by a later one)", rejected.sum(), "");
        result.figure("error_replies", "Error replies to bids", errors.sum(), "");
        result.note(String.format(
                Locale.ROOT,
                "Freshness is recorded once per viewer per bid: %,d samples from %,d viewers; measured from each bid's"
                        + " intended send time.",
                freshness.count(),
                viewers));
    }

    /** The same with viewers of every event: every bid reaches every viewer, in the auction's paced frames. */
    @Command(
            name = "fanout-every",
            header = "Fan-out to viewers of every event of one auction",
            description = "Viewers of every event of one auction while it is bid on: price freshness per viewer.")
    public static final class EveryEvent extends FanoutScenario {
        public EveryEvent() {
            super("every");
        }
    }

    private final class Viewer extends Subscribers {
        /** The highest bid index whose price this viewer has seen. */
        volatile int covered = -1;

        Viewer(RequestLedger<String> subscriptions) {
            super(FanoutScenario.this.failures, subscriptions);
        }

        @Override
        protected void onEvent(Frame event, long receivedNanos) {
            countDelivered(receivedNanos);
            if (event.is("bid-updated")) {
                seen(event.currentBidCents(), receivedNanos);
            }
        }

        /** A conflated viewer gets the latest state instead of the updates it had not read: it saw that price. */
        @Override
        protected void onSnapshot(Frame snapshot, long receivedNanos) {
            if (snapshot.resync()) {
                latest(snapshot, receivedNanos);
            }
        }

        @Override
        protected void onState(Frame state, long receivedNanos) {
            latest(state, receivedNanos);
        }

        private void latest(Frame state, long receivedNanos) {
            countDelivered(receivedNanos);
            if (state.currentBidCents() >= 0) {
                seen(state.currentBidCents(), receivedNanos);
            }
        }

        private void countDelivered(long receivedNanos) {
            if (receivedNanos - windowStart >= 0 && receivedNanos - windowEnd <= 0) {
                delivered.increment();
            }
        }

        private void seen(long priceCents, long receivedNanos) {
            int k = Arrays.binarySearch(amounts, priceCents);
            if (k < 0) {
                failures.add("unknown price", "a price no bid offered: " + priceCents);
                return;
            }
            for (int i = covered + 1; i <= k; i++) {
                freshness.record(intended[i], receivedNanos);
            }
            if (k > covered) {
                covered = k;
            }
        }
    }

    private final class Bidder extends Requester<Integer> {
        Bidder(RequestLedger<Integer> ledger) {
            super(FanoutScenario.this.failures, ledger);
        }

        @Override
        protected void onReply(Integer k, Frame frame, long receivedNanos) {
            switch (frame.type()) {
                case "bid-accepted" -> {
                    roundTrip.record(intended[k], receivedNanos);
                    lastAccepted.accumulateAndGet(k, Math::max);
                }
                case "bid-rejected" -> {
                    roundTrip.record(intended[k], receivedNanos);
                    rejected.increment();
                }
                case "error" -> errors.increment();
                default -> failures.add("mangled reply", frame.type() + " answers a bid");
            }
        }
    }
}
