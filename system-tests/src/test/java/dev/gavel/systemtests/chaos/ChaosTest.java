package dev.gavel.systemtests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.LocalCluster;
import dev.gavel.systemtests.support.Users.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The crash suite: real processes, real brokers, on loopback, bounded in time. Clients bid while processes are
 * killed, frozen and restarted; then the audit holds what the clients saw against the committed logs and an
 * independent model of the rules. The short profile runs in every build; {@code ./gavel chaos --long} runs the long
 * one and records its result in docs/reliability.md.
 */
class ChaosTest {

    /** Processors leave a group 6 s after their last heartbeat, so a frozen one is replaced within the run. */
    private static final Map<String, String> QUICK_FAILOVER = Map.of(
            "SPRING_KAFKA_STREAMS_PROPERTIES_CONSUMER_SESSION_TIMEOUT_MS", "6000",
            "SPRING_KAFKA_STREAMS_PROPERTIES_CONSUMER_HEARTBEAT_INTERVAL_MS", "1500");

    private static final boolean LONG = "long".equals(System.getProperty("gavel.chaos.profile"));

    /** A fault and what it does to the deployment. */
    record Step(String kind, String target, Duration after, Consumer<LocalCluster> action) {}

    private static Step killProcessor(int n, Duration after) {
        String name = "bid-processor-" + n;
        return new Step("kill -9 bid-processor", name, after, c -> {
            c.kill(name);
            c.restart(name);
        });
    }

    private static Step freezeProcessor(int n, Duration after) {
        String name = "bid-processor-" + n;
        return new Step("SIGSTOP 15 s, SIGCONT bid-processor (zombie)", name, after, c -> {
            c.pause(name);
            try {
                // The frozen process must outlive its session (6 s) and transaction (10 s) timeouts.
                new CompletableFuture<Void>()
                        .completeOnTimeout(null, 15, TimeUnit.SECONDS)
                        .join();
            } finally {
                c.resume(name);
            }
        });
    }

    private static Step killGateway(int n, Duration after) {
        String name = "gateway-" + n;
        return new Step("kill -9 gateway", name, after, c -> {
            c.kill(name);
            c.restart(name);
        });
    }

    private static Step killBroker(int n, Duration after) {
        String name = "kafka-" + n;
        return new Step("kill -9 broker", name, after, c -> {
            c.kill(name);
            c.restart(name);
        });
    }

    private static List<Step> clusterFaults() {
        if (!LONG) {
            return List.of(
                    killProcessor(1, Duration.ofSeconds(15)),
                    killGateway(2, Duration.ofSeconds(10)),
                    killProcessor(2, Duration.ofSeconds(10)),
                    freezeProcessor(1, Duration.ofSeconds(10)),
                    killBroker(3, Duration.ofSeconds(10)),
                    killProcessor(1, Duration.ofSeconds(10)));
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            steps.add(killProcessor(i % 2 + 1, Duration.ofSeconds(8)));
            if (i % 7 == 3) {
                steps.add(freezeProcessor(i % 2 + 1, Duration.ofSeconds(5)));
            }
            if (i % 7 == 5) {
                steps.add(killGateway(i % 2 + 1, Duration.ofSeconds(5)));
                steps.add(killBroker(i % 3 + 1, Duration.ofSeconds(5)));
            }
        }
        return steps;
    }

    @Test
    void theClusterLosesNothingWhileProcessesDie() throws Exception {
        run("cluster", LocalCluster.start(QUICK_FAILOVER), clusterFaults(), LONG ? 8 : 5);
    }

    @Test
    void aRestartOfTheSingleBrokerLosesNothing() throws Exception {
        Step restartBroker = new Step("restart the single broker", "kafka", Duration.ofSeconds(15), c -> {
            c.stop("kafka");
            c.restart("kafka");
        });
        run("single node", LocalCluster.startSingle(QUICK_FAILOVER), List.of(restartBroker), 3);
    }

    private void run(String deployment, LocalCluster cluster, List<Step> faults, int bidders) throws Exception {
        History history = new History();
        List<ChaosClient> clients = new CopyOnWriteArrayList<>();
        ExecutorService load = Executors.newCachedThreadPool();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        AtomicBoolean stop = new AtomicBoolean();
        try (cluster) {
            Random seeds = new Random(7);
            ChaosClient seller = new ChaosClient(cluster, user(cluster, "seller"), 1, history, seeds.nextLong());
            clients.add(seller);
            seller.connect();
            for (int i = 0; i < 4; i++) {
                seller.create(20_000 + 5_000L * i);
            }
            ScheduledFuture<?> selling = clock.scheduleWithFixedDelay(
                    () -> seller.create(12_000 + seeds.nextInt(12_000)), 4, 4, TimeUnit.SECONDS);
            List<Future<?>> bidding = new ArrayList<>();
            for (int i = 0; i < bidders; i++) {
                ChaosClient bidder = new ChaosClient(
                        cluster, user(cluster, "bidder-" + i), i % cluster.gateways() + 1, history, seeds.nextLong());
                clients.add(bidder);
                bidder.connect();
                bidding.add(load.submit(() -> {
                    while (!stop.get()) {
                        bidder.bid();
                    }
                    return null;
                }));
            }
            for (Step fault : faults) {
                clock.schedule(() -> null, fault.after().toMillis(), TimeUnit.MILLISECONDS)
                        .get();
                history.fault(new History.Fault(fault.kind(), fault.target(), System.nanoTime()));
                fault.action().accept(cluster);
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
            for (ChaosClient client : clients) {
                assertThat(client.awaitAllEnded(Duration.ofMinutes(2)))
                        .as("%s saw every auction end", client.name())
                        .isTrue();
            }

            LogAudit.Findings findings = new LogAudit(cluster.bootstrapServers()).audit(history);

            Report report = new Report(deployment, history, findings);
            report.write(Path.of("target", "chaos-" + deployment.replace(' ', '-') + ".md"));
            if (Boolean.getBoolean("gavel.chaos.record")) {
                report.record(Path.of("..", "docs", "reliability.md"));
            }
            assertThat(findings.examples()).as(report.markdown()).isEmpty();
            assertThat(findings.clean()).as(report.markdown()).isTrue();
            assertThat(findings.commandsDecided())
                    .as("commands decided under load")
                    .isGreaterThan(200);
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
                            + " oracle mismatches |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
                    .append(String.format(
                            "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n",
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
                            findings.oracleMismatches()));
            text.append("\n| fault | target | time to recover (ms) |\n|---|---|---|\n");
            for (History.Fault fault : history.faults()) {
                text.append(String.format(
                        "| %s | %s | %d |%n", fault.kind(), fault.target(), history.recoveryMillis(fault)));
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
