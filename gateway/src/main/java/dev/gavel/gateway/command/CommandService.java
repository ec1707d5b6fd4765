package dev.gavel.gateway.command;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.Topics;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.kafka.logging.CommandLogContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Produces commands to the log and waits for their outcome; the one place where the gateway writes to Kafka. Any
 * gateway instance reads every outcome; only the instance that produced a command has it pending, and only the first
 * outcome completes it. A command whose outcome does not arrive within the reply timeout is answered {@code TIMEOUT}:
 * it is in the log and will still be decided.
 */
public class CommandService {

    private static final Logger log = LoggerFactory.getLogger(CommandService.class);

    private final KafkaTemplate<String, AuctionCommand> kafka;
    private final KafkaTemplate<String, ShowCommand> showKafka;
    private final Receipts receipts;
    private final Duration replyTimeout;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public CommandService(
            KafkaTemplate<String, AuctionCommand> kafka,
            KafkaTemplate<String, ShowCommand> showKafka,
            Receipts receipts,
            Duration replyTimeout,
            Clock clock,
            MeterRegistry meters) {
        this.kafka = kafka;
        this.showKafka = showKafka;
        this.receipts = receipts;
        this.replyTimeout = replyTimeout;
        this.clock = clock;
        this.meters = meters;
    }

    /** A command produced and waiting for its outcome; retries of one command id share one wait. */
    private final class Pending {
        final String commandId;
        final String commandType;
        final long startedNanos = System.nanoTime();
        final long deadlineMillis;
        final List<CompletableFuture<CommandOutcome>> waiters = new CopyOnWriteArrayList<>();

        Pending(String commandId, String commandType) {
            this.commandId = commandId;
            this.commandType = commandType;
            this.deadlineMillis = clock.millis() + replyTimeout.toMillis();
        }

        void answer(CommandOutcome outcome) {
            Timer.builder("gavel.commands")
                    .description("Command round trip through Kafka, from produce to outcome")
                    .tag("type", commandType)
                    .tag("outcome", outcomeTag(outcome))
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(Duration.ofNanos(System.nanoTime() - startedNanos));
            waiters.forEach(waiter -> waiter.complete(outcome));
        }
    }

    public CompletableFuture<CommandOutcome> submit(AuctionCommand command) {
        try (CommandLogContext ignored = CommandLogContext.of(command.auctionId(), command.commandId())) {
            return waitFor(
                    command.commandId(),
                    command.commandType(),
                    () -> produce(command),
                    () -> receipts.settled(command.receivedAt()));
        }
    }

    /** A show command: to the shows' log, keyed by show. Watermarks are the auctions' log's: no receipt is taken. */
    public CompletableFuture<CommandOutcome> submit(ShowCommand command) {
        try (CommandLogContext ignored = CommandLogContext.of(command.showId(), command.commandId())) {
            return waitFor(command.commandId(), command.commandType(), () -> produce(command), () -> {});
        }
    }

    private CompletableFuture<CommandOutcome> waitFor(
            String commandId, String commandType, Runnable produce, Runnable joined) {
        CompletableFuture<CommandOutcome> outcome = new CompletableFuture<>();
        Pending[] created = {null};
        // compute() is atomic with complete()'s remove(): a waiter is either answered with the pending entry or starts
        // a new one, whose repeated command the processor answers with the original outcome.
        pending.compute(commandId, (id, existing) -> {
            Pending entry = existing != null ? existing : (created[0] = new Pending(commandId, commandType));
            entry.waiters.add(outcome);
            return entry;
        });
        if (created[0] != null) {
            produce.run();
        } else {
            // A retry that joins the wait of the same command already produced: nothing of it is written.
            joined.run();
        }
        return outcome;
    }

    private void produce(AuctionCommand command) {
        try {
            kafka.send(Topics.AUCTION_COMMANDS, command.auctionId(), command).whenComplete((result, error) -> {
                receipts.settled(command.receivedAt());
                if (error != null) {
                    // On the producer's thread, outside the caller's logging context.
                    try (CommandLogContext ignored = CommandLogContext.of(command.auctionId(), command.commandId())) {
                        unavailable(command.commandId(), error);
                    }
                }
            });
        } catch (RuntimeException e) {
            receipts.settled(command.receivedAt());
            unavailable(command.commandId(), e);
        }
    }

    private void produce(ShowCommand command) {
        try {
            showKafka.send(Topics.SHOW_COMMANDS, command.showId(), command).whenComplete((result, error) -> {
                if (error != null) {
                    try (CommandLogContext ignored = CommandLogContext.of(command.showId(), command.commandId())) {
                        unavailable(command.commandId(), error);
                    }
                }
            });
        } catch (RuntimeException e) {
            unavailable(command.commandId(), e);
        }
    }

    private void unavailable(String commandId, Throwable error) {
        log.warn("Could not produce command {}: {}", commandId, error.toString());
        complete(
                commandId,
                new CommandOutcome.Failed(
                        ErrorCode.UNAVAILABLE,
                        "the auction service cannot be reached right now; the command may not have been recorded"));
    }

    /** Answers the commands whose outcome did not arrive in time. */
    public void expireOverdue() {
        long now = clock.millis();
        pending.values().stream()
                .filter(entry -> entry.deadlineMillis <= now)
                .forEach(entry -> complete(
                        entry.commandId,
                        new CommandOutcome.Failed(
                                ErrorCode.TIMEOUT,
                                "no outcome yet; the command is recorded and will still be decided")));
    }

    public int pendingCount() {
        return pending.size();
    }

    /**
     * Answers the command with its outcome, if it is pending here and not answered yet. Every instance reads every
     * outcome, in log order: the outcome of a command that another instance produced is ignored.
     */
    public void complete(String commandId, CommandOutcome outcome) {
        if (commandId == null) {
            return;
        }
        Pending entry = pending.remove(commandId);
        if (entry != null) {
            entry.answer(outcome);
        }
    }

    private static String outcomeTag(CommandOutcome outcome) {
        if (outcome instanceof CommandOutcome.Failed failed) {
            return failed.code().name().toLowerCase();
        }
        return outcome instanceof CommandOutcome.Rejected || outcome instanceof CommandOutcome.ShowRejected
                ? "rejected"
                : "accepted";
    }
}
