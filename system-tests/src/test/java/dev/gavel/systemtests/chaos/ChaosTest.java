package dev.gavel.systemtests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.LocalCluster;
import dev.gavel.systemtests.support.Users.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The crash suite: real processes, real brokers, on loopback, bounded in time. Clients bid while processes are
 * killed, frozen and restarted; then the audit holds what the clients saw against the committed logs and an
 * independent model of the rules. The short profile runs in every build; {@code ./gavel chaos --long} runs the long
 * one and records its result in docs/reliability.md.
 */
class ChaosTest {

    private static final boolean LONG = "long".equals(System.getProperty("gavel.chaos.profile"));

    /** A fault, the service it strikes (chosen when it strikes), and what it does to the deployment. */
    record Step(
            String kind,
            Function<LocalCluster, String> target,
            Duration after,
            BiConsumer<LocalCluster, String> action) {}

    /** The single node's processor that runs the tasks, whichever of the two that is by then. */
    private static final Function<LocalCluster, String> RUNNING_PROCESSOR = LocalCluster::runningProcessor;

    private static Function<LocalCluster, String> service(String name) {
        return c -> name;
    }

    private static Step killAndRestart(String kind, Function<LocalCluster, String> target, Duration after) {
        return new Step(kind, target, after, (c, service) -> {
            c.kill(service);
            c.restart(service);
        });
    }

    private static Step killProcessor(Function<LocalCluster, String> target, Duration after) {
        return killAndRestart("kill -9 bid-processor", target, after);
    }

    private static Step killGateway(String service, Duration after) {
        return killAndRestart("kill -9 gateway", service(service), after);
    }

    private static Step killBroker(String service, Duration after) {
        return killAndRestart("kill -9 broker", service(service), after);
    }

    private static Step freezeProcessor(Function<LocalCluster, String> target, Duration after) {
        return new Step("SIGSTOP 15 s, SIGCONT bid-processor (zombie)", target, after, (c, service) -> {
            c.pause(service);
            try {
                // The frozen process outlives its session and transaction timeouts: it comes back as a zombie.
                new CompletableFuture<Void>()
                        .completeOnTimeout(null, 15, TimeUnit.SECONDS)
                        .join();
            } finally {
                c.resume(service);
            }
        });
    }

    private static Step restartBroker(Duration after) {
        return new Step("restart the single broker", service("kafka"), after, (c, service) -> {
            c.stop("kafka");
            c.restart("kafka");
        });
    }

    /**
     * The long profile injects ten faults of every kind (or {@code gavel.chaos.rounds}), interleaved, so that each
     * kind has a spread.
     */
    private static final int ROUNDS = Integer.getInteger("gavel.chaos.rounds", 10);

    private static List<Step> clusterFaults() {
        Duration gap = Duration.ofSeconds(LONG ? 6 : 10);
        if (!LONG) {
            return List.of(
                    killProcessor(service("bid-processor-1"), Duration.ofSeconds(15)),
                    killGateway("gateway-2", gap),
                    killProcessor(service("bid-processor-2"), gap),
                    freezeProcessor(service("bid-processor-1"), gap),
                    killBroker("kafka-3", gap),
                    killProcessor(service("bid-processor-1"), gap));
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            steps.add(killProcessor(service("bid-processor-" + (i % 2 + 1)), gap));
            steps.add(killBroker("kafka-" + (i % 3 + 1), gap));
            steps.add(freezeProcessor(service("bid-processor-" + ((i + 1) % 2 + 1)), gap));
            if (i % 3 == 1) {
                steps.add(killGateway("gateway-" + (i % 2 + 1), gap));
            }
        }
        return steps;
    }

    private static List<Step> singleNodeFaults() {
        Duration gap = Duration.ofSeconds(LONG ? 6 : 10);
        if (!LONG) {
            return List.of(restartBroker(Duration.ofSeconds(15)), killProcessor(RUNNING_PROCESSOR, gap));
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            steps.add(killProcessor(RUNNING_PROCESSOR, gap));
            steps.add(killBroker("kafka", gap));
            steps.add(freezeProcessor(RUNNING_PROCESSOR, gap));
            if (i % 5 == 2) {
                steps.add(restartBroker(gap));
            }
        }
        return steps;
    }

    @Test
    void theClusterLosesNothingWhileProcessesDie() throws Exception {
        run("cluster", LocalCluster.start(), clusterFaults(), LONG ? 8 : 5);
    }

    @Test
    void theSingleNodeLosesNothingWhileItsProcessesDie() throws Exception {
        run("single node", LocalCluster.startSingle(Map.of()), singleNodeFaults(), 3);
    }

    private void run(String deployment, LocalCluster cluster, List<Step> faults, int bidders) throws Exception {
        History history = new History();
        List<ChaosClient> clients = new CopyOnWriteArrayList<>();
        ExecutorService load = Executors.newCachedThreadPool();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        AtomicBoolean stop = new AtomicBoolean();
        try (cluster) {
            Random seeds = new Random(7);
            ChaosClient seller = new ChaosClient(cluster, user(cluster, "seller"), 1, history, seeds.nextLong(), true);
            clients.add(seller);
            seller.connect();
            for (int i = 0; i < 4; i++) {
                seller.create(20_000 + 5_000L * i);
            }
            ScheduledFuture<?> selling = clock.scheduleWithFixedDelay(
                    () -> seller.create(12_000 + seeds.nextInt(12_000)), 4, 4, TimeUnit.SECONDS);
            List<Future<?>> bidding = new ArrayList<>();
            List<ChaosClient> viewers = new ArrayList<>();
            for (int i = 0; i < bidders; i++) {
                ChaosClient bidder = new ChaosClient(
                        cluster,
                        user(cluster, "bidder-" + i),
                        i % cluster.gateways() + 1,
                        history,
                        seeds.nextLong(),
                        true);
                clients.add(bidder);
                viewers.add(bidder);
                bidder.connect();
                bidding.add(load.submit(() -> {
                    while (!stop.get()) {
                        bidder.bid();
                    }
                    return null;
                }));
            }
            // A seller's shows, whose lots the bidders find in the lobby and bid on, and pre-bid on as viewers.
            ChaosClient host = new ChaosClient(
                    cluster, user(cluster, "host"), cluster.gateways(), history, seeds.nextLong(), false);
            clients.add(host);
            ChaosShow shows = new ChaosShow(host, viewers, seeds.nextLong());
            Future<Integer> hosting = load.submit(() -> shows.runUntil(stop));
            for (Step fault : faults) {
                clock.schedule(() -> null, fault.after().toMillis(), TimeUnit.MILLISECONDS)
                        .get();
                String target = fault.target().apply(cluster);
                history.fault(History.Fault.now(fault.kind(), target));
                fault.action().accept(cluster, target);
            }
            clock.schedule(() -> null, 10, TimeUnit.SECONDS).get();
            selling.cancel(false);
            // A creation under way ends before this thread uses the seller: a client is used by one thread at a time.
            clock.shutdown();
            assertThat(clock.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            stop.set(true);
            for (Future<?> bidder : bidding) {
                bidder.get(3, TimeUnit.MINUTES);
            }
            int showsEnded = hosting.get(5, TimeUnit.MINUTES);
            Map<String, String> notSeenEnding = new TreeMap<>();
            for (ChaosClient client : clients) {
                if (!client.awaitAllEnded(Duration.ofMinutes(2))) {
                    notSeenEnding.put(client.name(), client.stillOpen());
                }
            }

            LogAudit.Findings findings = new LogAudit(cluster.bootstrapServers()).audit(history);

            Report report = new Report(deployment, history, findings);
            report.write(Path.of("target", "chaos-" + deployment.replace(' ', '-') + ".md"));
            assertThat(notSeenEnding)
                    .as("auctions clients did not see end (the log's view: %s)", report.markdown())
                    .isEmpty();
            if (Boolean.getBoolean("gavel.chaos.record")) {
                report.record(Path.of("..", "docs", "reliability.md"));
            }
            assertThat(findings.examples()).as(report.markdown()).isEmpty();
            assertThat(findings.clean()).as(report.markdown()).isTrue();
            assertThat(findings.commandsDecided())
                    .as("commands decided under load")
                    .isGreaterThan(200);
            assertThat(showsEnded).as("shows run to their end under faults").isPositive();
            assertThat(findings.shows().lotRuns()).as("lots run").isPositive();
            assertThat(history.faults()).hasSize(faults.size());
        } finally {
            stop.set(true);
            clients.forEach(ChaosClient::close);
            load.shutdownNow();
            clock.shutdownNow();
        }
    }

    private static User user(LocalCluster cluster, String name) {
        return cluster.signIn(1, name);
    }

    /** The run's figures, as Markdown. */
    record Report(String deployment, History history, LogAudit.Findings findings) {

        String markdown() {
            StringBuilder text = new StringBuilder();
            text.append("| deployment | faults injected | commands under load | decided | undecided | lost |"
                            + " duplicated | told otherwise | outcomes without command | aborted reads |"
                            + " seq gaps | unannounced gaps | ending violations | price decreases |"
                            + " oracle mismatches | on-time bids refused |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
                    .append(String.format(
                            "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n",
                            deployment,
                            history.faults().size(),
                            findings.commandsSent(),
                            findings.commandsDecided(),
                            findings.commandsUndecided(),
                            findings.lost(),
                            findings.duplicated(),
                            findings.mismatched(),
                            findings.outcomesWithoutCommand(),
                            findings.abortedReads(),
                            findings.seqGaps(),
                            findings.unannouncedGaps(),
                            findings.endingViolations(),
                            findings.priceDecreases(),
                            findings.oracleMismatches(),
                            findings.onTimeBidsRefused()));
            ShowAudit.Findings shows = findings.shows();
            text.append("\n| shows | show events | lot runs | pre-bids in the log | show commands decided | lost |"
                            + " duplicated | told otherwise | outcomes without command | seq gaps | ending violations |"
                            + " oracle mismatches | lot auction mismatches | aborted reads | unannounced gaps | lots not shown to"
                            + " viewers |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
                    .append(String.format(
                            "| %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n",
                            shows.shows(),
                            shows.showEvents(),
                            shows.lotRuns(),
                            shows.preBids(),
                            shows.commandsDecided(),
                            shows.lost(),
                            shows.duplicated(),
                            shows.mismatched(),
                            shows.outcomesWithoutCommand(),
                            shows.seqGaps(),
                            shows.endingViolations(),
                            shows.oracleMismatches(),
                            shows.lotAuctionMismatches(),
                            shows.abortedReads(),
                            shows.unannouncedGaps(),
                            shows.lotsNotShown()));
            text.append("\n").append(new Figures(history).markdown());
            text.append("\n| at (UTC) | fault | target | time to recover (ms) |\n|---|---|---|---|\n");
            for (History.Fault fault : history.faults()) {
                text.append(String.format(
                        "| %s | %s | %s | %d |%n",
                        LocalTime.ofInstant(Instant.ofEpochMilli(fault.atMillis()), ZoneOffset.UTC),
                        fault.kind(),
                        fault.target(),
                        history.recoveryMillis(fault)));
            }
            text.append(String.format(
                    "%nCommands in the log: %d (clients' commands, retries and the processor's own closes); events: %d"
                            + " over %d auctions.%n",
                    findings.commandsInLog(), findings.eventsInLog(), findings.auctions()));
            findings.examples().forEach(example -> text.append("\n- ").append(example));
            return text.toString();
        }

        void write(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown());
        }

        /** Replaces this deployment's section of the reliability document with this run. */
        void record(Path document) throws IOException {
            String begin = "<!-- chaos " + deployment + " begin -->";
            String end = "<!-- chaos " + deployment + " end -->";
            String text = Files.readString(document);
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalStateException(document + " has no section for " + deployment);
            }
            String run = "\n_Run " + LocalDate.now() + ", profile " + (LONG ? "long" : "short") + "._\n\n" + markdown()
                    + "\n";
            Files.writeString(document, text.substring(0, from + begin.length()) + run + text.substring(to));
        }
    }
}
