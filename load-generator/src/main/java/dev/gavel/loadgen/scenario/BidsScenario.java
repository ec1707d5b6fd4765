package dev.gavel.loadgen.scenario;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.BidIncrements;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.LogReader;
import dev.gavel.events.Topics;
import dev.gavel.loadgen.check.Failures;
import dev.gavel.loadgen.check.RequestLedger;
import dev.gavel.loadgen.metrics.LatencyRecorder;
import dev.gavel.loadgen.metrics.Pacer;
import dev.gavel.loadgen.report.Results;
import dev.gavel.loadgen.ws.Endpoints;
import dev.gavel.loadgen.ws.Frame;
import dev.gavel.loadgen.ws.Gateway;
import dev.gavel.loadgen.ws.Messages;
import dev.gavel.loadgen.ws.ResourceSampler;
import dev.gavel.loadgen.ws.WsConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * M bidders, each a signed-in user with one WebSocket, bid on A auctions through the gateway at fixed rates (and
 * once flat out). Each bid's round trip runs from its intended send time to its own {@code bid-accepted} or
 * {@code bid-rejected}. Afterwards the committed {@code auction-events} log must hold each accepted bid as exactly one
 * public event, and no event for a bid not accepted. Auditor connections watch every auction meanwhile: every event
 * they are sent must be an accepted bid, in seq order, once; an auditor that falls behind may be sent the latest
 * state instead of some events, as any viewer would.
 */
@Command(
        name = "bids",
        header = "Bids through the gateway",
        description = "Bidders over auctions through the gateway: round trip and accepted bids/s.")
public final class BidsScenario extends Scenario {

    @Option(
            names = "--bidders",
            description = "Simulated bidders, one user and WebSocket each (default: ${DEFAULT-VALUE}).")
    int bidders = 1_000;

    @Option(names = "--auctions", description = "Auctions bid on (default: ${DEFAULT-VALUE}).")
    int auctions = 1_000;

    @Option(names = "--rates", split = ",", description = "Offered bids/s, one step each (default: ${DEFAULT-VALUE}).")
    List<Integer> rates = new ArrayList<>(List.of(500, 1_000, 2_000, 3_000));

    @Option(
            names = "--flat-out-window",
            description = "Bids in flight for the closed-loop step; 0 skips it (default: ${DEFAULT-VALUE}).")
    int flatOutWindow = 200;

    @Mixin
    private final Window window = new Window(5, 15);

    private static final long STARTING_PRICE_CENTS = 1_000;
    private static final int SUBSCRIPTIONS_PER_AUDITOR = 100;
    private static final long DRAIN_SECONDS = 15;

    /** A bid sent, as its reply will need it. */
    private record Bid(int step, long intendedNanos, int auction, int bidder, long amountCents) {}

    /** What one load step counts. */
    private static final class Step {
        final String label;
        final double offered;
        final LatencyRecorder latency;
        final long windowStart;
        long windowEnd;
        final LongAdder sent = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder decided = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

        Step(String label, double offered, long windowStart, long windowEnd, boolean fromIntended) {
            this.label = label;
            this.offered = offered;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.latency = LatencyRecorder.measuringFrom(windowStart);
        }

        boolean inWindow(long nanos) {
            return nanos - windowStart >= 0 && nanos - windowEnd <= 0;
        }
    }

    private final BidIncrements increments = BidIncrements.DEFAULT;

    private Failures failures;
    private RequestLedger<Bid> ledger;
    private volatile Step[] steps;
    private String[] auctionIds;
    private Map<String, Integer> auctionIndex;
    private String[] bidderIds;
    private AtomicLongArray minimum;
    private AtomicReferenceArray<String> leader;
    /** Accepted bids that must show as a public event, by auction, amount and bidder; and the events seen. */
    private final Map<String, Boolean> acceptedPublic = new ConcurrentHashMap<>();

    private final Map<String, Boolean> eventsSeen = new ConcurrentHashMap<>();
    /**
     * Bids answered {@code TIMEOUT}: recorded but not decided within the gateway's wait, so the protocol allows either
     * outcome later. Their events are not losses; how many there were is reported.
     */
    private final Map<String, Boolean> undecided = new ConcurrentHashMap<>();

    private final AtomicLong acceptedAfterTimeout = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private List<WsConnection> bidderConnections;
    private volatile ClosedLoop closedLoop;

    @Override
    public void quick() {
        bidders = 50;
        auctions = 50;
        rates = new ArrayList<>(List.of(100, 200));
        flatOutWindow = 20;
        window.shorten(1, 3);
    }

    @Override
    public void run(RunContext context, Results.Builder result) throws Exception {
        result.setting("bidders", bidders)
                .setting("auctions", auctions)
                .setting("rates", rates)
                .setting("flat_out_window", flatOutWindow);
        window.record(result);
        result.setting("connections", "one per bidder; auditors watch every auction")
                .setting("gateway_limits", "defaults: 20 commands/s per user, 50 messages/s per connection");
        failures = new Failures();
        ledger = new RequestLedger<>(failures);
        int stepCount = rates.size() + (flatOutWindow > 0 ? 1 : 0);
        long durationMs = TimeUnit.SECONDS.toMillis(60 + (long) stepCount * (window.seconds() + DRAIN_SECONDS + 5));
        try (Gateway gateway = new Gateway(context.gatewayUri(), context.ioThreads());
                ResourceSampler sampler =
                        new ResourceSampler(gateway, context.gatewayManagementUri(), context.processorUri())) {
            List<Sellers.Created> created = Sellers.create(
                    gateway,
                    context.runId(),
                    name(),
                    auctions,
                    200,
                    STARTING_PRICE_CENTS,
                    durationMs,
                    failures,
                    auction -> {});
            auctionIds = created.stream().map(Sellers.Created::auctionId).toArray(String[]::new);
            auctionIndex = new ConcurrentHashMap<>();
            for (int a = 0; a < auctionIds.length; a++) {
                auctionIndex.put(auctionIds[a], a);
            }
            minimum = new AtomicLongArray(auctions);
            for (int a = 0; a < auctions; a++) {
                minimum.set(a, STARTING_PRICE_CENTS);
            }
            leader = new AtomicReferenceArray<>(auctions);

            List<WsConnection> auditors = watch(gateway, context.runId());
            List<Gateway.User> users = gateway.users("bidder", bidders);
            bidderIds = users.stream().map(Gateway.User::id).toArray(String[]::new);
            bidderConnections = gateway.connect("bidder", users, b -> new BidderHandler());
            try {
                sampler.start();
                steps = new Step[stepCount];
                int s = 0;
                for (int rate : rates) {
                    openLoopStep(s++, rate);
                }
                if (flatOutWindow > 0) {
                    closedLoopStep(s);
                }
                audit(context.bootstrap());
            } finally {
                Gateway.closeAll(bidderConnections);
                Gateway.closeAll(auditors);
            }
            failures.throwIfAny(name());
            report(result, sampler);
        }
    }

    /** Auditors: connections that subscribe to every auction, a hundred per connection, at 40 a second. */
    private List<WsConnection> watch(Gateway gateway, String runId) throws InterruptedException {
        int count = (auctions + SUBSCRIPTIONS_PER_AUDITOR - 1) / SUBSCRIPTIONS_PER_AUDITOR;
        RequestLedger<String> subscriptions = new RequestLedger<>(failures);
        List<WsConnection> connections = gateway.connect("auditor", count, i -> new Auditor(subscriptions));
        Pacer pacer = new Pacer(System.nanoTime(), 40);
        for (int k = 0; k < SUBSCRIPTIONS_PER_AUDITOR; k++) {
            pacer.awaitTurn(k);
            for (int i = 0; i < count; i++) {
                int a = i * SUBSCRIPTIONS_PER_AUDITOR + k;
                if (a < auctions) {
                    String requestId = "watch-" + a;
                    subscriptions.sent(requestId, auctionIds[a]);
                    connections.get(i).send(Messages.subscribe(requestId, auctionIds[a]));
                }
            }
        }
        subscriptions.awaitAnswers(TimeUnit.SECONDS.toNanos(30));
        failures.throwIfAny(name() + " (subscribing auditors)");
        return connections;
    }

    private void openLoopStep(int index, int rate) throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        Step step = new Step(rate + " bids/s", rate, window.measuredFrom(start), window.measuredUntil(start), true);
        steps[index] = step;
        Pacer pacer = new Pacer(start, rate);
        long total = window.operations(rate);
        for (long n = 0; n < total; n++) {
            long intended = pacer.awaitTurn(n);
            send(index, step, intended, (int) (n % bidders));
        }
        ledger.awaitAnswers(TimeUnit.SECONDS.toNanos(DRAIN_SECONDS));
    }

    /** Flat out: a fixed number of bids in flight, each reply sending the next, so the system sets the pace. */
    private final class ClosedLoop {
        final int index;
        final Step step;
        final long stopAt;
        final AtomicLong next = new AtomicLong();

        ClosedLoop(int index, Step step, long stopAt) {
            this.index = index;
            this.step = step;
            this.stopAt = stopAt;
        }

        void sendNext() {
            long now = System.nanoTime();
            if (now - stopAt < 0) {
                send(index, step, now, (int) (next.getAndIncrement() % bidders));
            }
        }
    }

    private void closedLoopStep(int index) throws InterruptedException {
        long start = System.nanoTime();
        long end = window.measuredUntil(start);
        Step step = new Step("flat out (" + flatOutWindow + " in flight)", 0, window.measuredFrom(start), end, false);
        steps[index] = step;
        ClosedLoop loop = new ClosedLoop(index, step, end);
        closedLoop = loop;
        for (int i = 0; i < flatOutWindow; i++) {
            loop.sendNext();
        }
        long wait;
        while ((wait = end - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        ledger.awaitAnswers(TimeUnit.SECONDS.toNanos(DRAIN_SECONDS));
        closedLoop = null;
    }

    private void send(int stepIndex, Step step, long intendedNanos, int bidder) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int auction = random.nextInt(auctions);
        // A bidder that leads would only raise their own hidden maximum: real bidders wait to be outbid.
        for (int tries = 0; tries < 3 && bidderIds[bidder].equals(leader.get(auction)); tries++) {
            auction = random.nextInt(auctions);
        }
        long amount = minimum.get(auction);
        for (int raise = random.nextInt(3); raise > 0; raise--) {
            amount += increments.at(amount);
        }
        String requestId = "bid-" + sequence.incrementAndGet();
        ledger.sent(requestId, new Bid(stepIndex, intendedNanos, auction, bidder, amount));
        if (step.inWindow(intendedNanos)) {
            step.sent.increment();
        }
        bidderConnections.get(bidder).send(Messages.placeBid(requestId, auctionIds[auction], amount));
    }

    private final class BidderHandler extends Requester<Bid> {
        BidderHandler() {
            super(BidsScenario.this.failures, ledger);
        }

        @Override
        protected void onReply(Bid bid, Frame frame, long receivedNanos) {
            Step step = steps[bid.step()];
            boolean counted = step.inWindow(receivedNanos);
            String auctionId = auctionIds[bid.auction()];
            switch (frame.type()) {
                case "bid-accepted" -> {
                    if (!auctionId.equals(frame.auctionId()) || frame.amountCents() != bid.amountCents()) {
                        failures.add(
                                "mangled reply",
                                "bid-accepted for " + frame.auctionId() + " at " + frame.amountCents()
                                        + " answers a bid on " + auctionId + " at " + bid.amountCents());
                    }
                    // A leader raising their own maximum changes no public price; any other acceptance is an event.
                    boolean raise = frame.leading() && frame.currentBidCents() < frame.amountCents();
                    if (!raise) {
                        acceptedPublic.put(eventKey(auctionId, bid.amountCents(), bidderIds[bid.bidder()]), true);
                    }
                    if (frame.leading()) {
                        leader.set(bid.auction(), bidderIds[bid.bidder()]);
                    }
                    raiseMinimum(bid.auction(), frame.currentBidCents() + increments.at(frame.currentBidCents()));
                    step.latency.record(bid.intendedNanos(), receivedNanos);
                    if (counted) {
                        step.accepted.increment();
                        step.decided.increment();
                    }
                }
                case "bid-rejected" -> {
                    if (frame.minimumCents() > 0) {
                        raiseMinimum(bid.auction(), frame.minimumCents());
                    }
                    step.latency.record(bid.intendedNanos(), receivedNanos);
                    if (counted) {
                        step.decided.increment();
                    }
                    step.outcomes
                            .computeIfAbsent("rejected " + frame.reason(), k -> new LongAdder())
                            .increment();
                }
                case "error" -> {
                    if ("TIMEOUT".equals(frame.code())) {
                        undecided.put(eventKey(auctionId, bid.amountCents(), bidderIds[bid.bidder()]), true);
                    }
                    step.errors.increment();
                    step.outcomes
                            .computeIfAbsent("error " + frame.code(), k -> new LongAdder())
                            .increment();
                }
                default -> failures.add("mangled reply", frame.type() + " answers a bid");
            }
            ClosedLoop loop = closedLoop;
            if (loop != null && loop.index == bid.step()) {
                loop.sendNext();
            }
        }
    }

    private void raiseMinimum(int auction, long cents) {
        minimum.accumulateAndGet(auction, cents, Math::max);
    }

    private final class Auditor extends Subscribers {
        Auditor(RequestLedger<String> subscriptions) {
            super(BidsScenario.this.failures, subscriptions);
        }

        @Override
        protected void onEvent(Frame event, long receivedNanos) {
            if (!event.is("bid-updated")) {
                return;
            }
            String key = eventKey(event.auctionId(), event.amountCents(), event.bidderId());
            if (eventsSeen.put(key, true) != null) {
                failures.add("duplicate event", "bid-updated " + key + " twice");
            }
            Integer a = auctionIndex.get(event.auctionId());
            if (a != null) {
                raiseMinimum(a, event.minimumCents());
                leader.set(a, event.leaderId());
            }
        }
    }

    private static String eventKey(String auctionId, long amountCents, String bidderId) {
        return auctionId + "|" + amountCents + "|" + bidderId;
    }

    /**
     * Every accepted bid is one public event in the committed log and every event there one accepted bid; what the
     * auditors were sent is a part of it. An acceptance is committed with its event, so the log is complete once the
     * last reply has arrived.
     */
    private void audit(String bootstrap) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (!eventsSeen.keySet().containsAll(acceptedPublic.keySet()) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        for (String key : eventsSeen.keySet()) {
            if (!acceptedPublic.containsKey(key) && !undecided.containsKey(key)) {
                failures.add("auditor sent an event without an accepted bid", key);
            }
        }
        // The live topic holds every earlier run too: keep only this run's auctions.
        Map<String, List<AuctionEvent>> log = LogReader.readByKey(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.loopbackBootstrap(bootstrap)),
                Topics.AUCTION_EVENTS,
                JsonSerde.events(),
                auctionIndex::containsKey);
        Map<String, Integer> inLog = new HashMap<>();
        for (String auctionId : auctionIds) {
            for (AuctionEvent event : log.getOrDefault(auctionId, List.of())) {
                if (event instanceof AuctionEvent.BidPlaced bid) {
                    inLog.merge(
                            eventKey(auctionId, bid.amountCents(), bid.bidder().id()), 1, Integer::sum);
                }
            }
        }
        for (String key : acceptedPublic.keySet()) {
            int count = inLog.getOrDefault(key, 0);
            if (count == 0) {
                failures.add("accepted bid without a public event in the log", key);
            } else if (count > 1) {
                failures.add("accepted bid with " + count + " public events in the log", key);
            }
        }
        for (String key : inLog.keySet()) {
            if (undecided.containsKey(key)) {
                acceptedAfterTimeout.incrementAndGet();
            } else if (!acceptedPublic.containsKey(key)) {
                failures.add("public event in the log without an accepted bid", key);
            }
        }
    }

    private void report(Results.Builder result, ResourceSampler sampler) {
        long totalAccepted = 0;
        for (Step step : steps) {
            double seconds = (step.windowEnd - step.windowStart) / 1e9;
            result.step(new Results.Step(
                    step.label,
                    step.offered,
                    step.sent.sum() / seconds,
                    step.accepted.sum() / seconds,
                    step.decided.sum() / seconds,
                    step.errors.sum(),
                    step.latency.percentiles()));
            totalAccepted += step.accepted.sum();
            StringBuilder outcomes = new StringBuilder();
            step.outcomes.forEach(
                    (k, v) -> outcomes.append(k).append(": ").append(v.sum()).append("; "));
            ResourceSampler.Summary usage = sampler.summary(step.windowStart, step.windowEnd);
            result.note(String.format(
                    Locale.ROOT,
                    "%s: gateway CPU %.2f cores, processor CPU %.2f cores, load generator CPU %.2f cores"
                            + " (mean of %d samples); %s",
                    step.label,
                    usage.gatewayCpuMean(),
                    usage.processorCpuMean(),
                    usage.generatorCpuMean(),
                    usage.samples(),
                    outcomes.isEmpty()
                            ? "no rejections or errors"
                            : outcomes.toString().strip()));
        }
        result.figure(
                "events_audited",
                "Accepted bids matched one-to-one with public events in the committed log",
                acceptedPublic.size(),
                "");
        result.figure(
                "events_seen_by_auditors",
                "Of those, sent to the auditors as events (the rest as a newer snapshot)",
                eventsSeen.size(),
                "");
        result.figure("accepted_in_windows", "Accepted bids in the measured windows", totalAccepted, "");
        result.figure(
                "accepted_after_timeout",
                "Bids answered TIMEOUT and accepted afterwards (in the log)",
                acceptedAfterTimeout.get(),
                "");
        result.note("Open-loop steps measure from each bid's intended send time (coordinated omission corrected);"
                + " the flat-out step is a closed loop and measures from the actual send.");
    }
}
