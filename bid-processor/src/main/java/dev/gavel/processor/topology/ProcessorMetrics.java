package dev.gavel.processor.topology;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.processor.auction.Auction;
import dev.gavel.processor.auction.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the processor publishes about its work: decisions by outcome, dead letters, how late auctions close, and the
 * open auctions of the tasks this instance runs. Shared by every task and stream thread of an instance; the rules
 * know nothing of it.
 */
public final class ProcessorMetrics {

    static final String DECISIONS = "gavel.processor.decisions";
    static final String DEAD_LETTERS = "gavel.processor.dead.letters";
    static final String CLOSE_LATENESS = "gavel.processor.close.lateness";
    static final String OPEN_AUCTIONS = "gavel.processor.auctions.open";

    private final MeterRegistry meters;
    private final Counter deadLetters;
    private final Timer closeLateness;
    private final Map<String, AtomicLong> openByTask = new ConcurrentHashMap<>();

    public ProcessorMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.deadLetters = Counter.builder(DEAD_LETTERS)
                .description("Records of the command log parked on the dead-letter topic")
                .register(meters);
        this.closeLateness = Timer.builder(CLOSE_LATENESS)
                .description("How long after its endsAt an auction was ended by its close command (processing time)")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
        Gauge.builder(OPEN_AUCTIONS, openByTask, ProcessorMetrics::sum)
                .description("Open auctions in the tasks this instance runs")
                .register(meters);
    }

    /** For topologies nobody watches (replay, benchmarks, tests that do not look). */
    public static ProcessorMetrics unobserved() {
        return new ProcessorMetrics(new SimpleMeterRegistry());
    }

    /** A command the rules decided at wall-clock time {@code nowMillis}, in task {@code task}. */
    void decided(String task, AuctionCommand command, Auction before, Decision decision, long nowMillis) {
        if (decision.reply() instanceof CommandRejected rejected) {
            count(command, "rejected", rejected.reason().name());
        } else if (decision.reply() != null) {
            count(command, "accepted", "none");
        }
        if (command instanceof CloseAuction && before != null) {
            for (var event : decision.events()) {
                if (event instanceof AuctionEnded) {
                    closeLateness.record(Duration.ofMillis(
                            Math.max(0, nowMillis - before.endsAt().toEpochMilli())));
                }
            }
        }
        long change = (isOpen(decision.auction()) ? 1 : 0) - (isOpen(before) ? 1 : 0);
        if (change != 0) {
            openByTask.computeIfAbsent(task, t -> new AtomicLong()).addAndGet(change);
        }
    }

    /** A command answered with the outcome it had the first time. */
    void repeated(AuctionCommand command) {
        count(command, "repeated", "none");
    }

    void deadLettered() {
        deadLetters.increment();
    }

    /** A task (re)started with {@code open} open auctions in its restored store. */
    void taskStarted(String task, long open) {
        openByTask.put(task, new AtomicLong(open));
    }

    /** A task left this instance: its auctions are counted wherever it runs next. */
    void taskClosed(String task) {
        openByTask.remove(task);
    }

    static boolean isOpen(Auction auction) {
        return auction != null && auction.status() == AuctionStatus.OPEN;
    }

    private void count(AuctionCommand command, String outcome, String reason) {
        Counter.builder(DECISIONS)
                .description("Commands decided, by command type, outcome and rejection reason")
                .tag("type", command.commandType())
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(meters)
                .increment();
    }

    private static double sum(Map<String, AtomicLong> counts) {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
