package dev.gavel.gateway.command;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.UserRef;
import dev.gavel.gateway.protocol.Amounts.InvalidAmountException;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.protocol.ServerMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The one way a client's command goes, from the WebSocket and the REST API alike: the user's command rate, the checks
 * of {@link CommandFactory}, the log, and the one reply to the outcome.
 */
public class CommandGateway {

    private final CommandService commands;
    private final Replies replies;
    private final RateLimits limits;
    private final Receipts receipts;
    private final MeterRegistry meters;
    private final CommandFactory factory = new CommandFactory();

    public CommandGateway(
            CommandService commands, Replies replies, RateLimits limits, Receipts receipts, MeterRegistry meters) {
        this.commands = commands;
        this.replies = replies;
        this.limits = limits;
        this.receipts = receipts;
        this.meters = meters;
    }

    /**
     * Submits {@code request} as {@code user}, received now. A bid with amounts no auction accepts is answered at once
     * and never reaches the log.
     *
     * @return the reply, once the outcome is known
     * @throws ProtocolException for a request refused before anything is produced: too many commands, or malformed
     */
    public CompletableFuture<ServerMessage> submit(UserRef user, ClientMessage.Command request) {
        if (!limits.tryCommand(user.id())) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many commands: slow down");
        }
        AuctionCommand command;
        Instant receivedAt = receipts.receive();
        try {
            command = factory.toCommand(request, user, receivedAt);
        } catch (InvalidAmountException e) {
            receipts.settled(receivedAt);
            return CompletableFuture.completedFuture(
                    replies.invalidAmount((ClientMessage.PlaceBid) request, e.getMessage()));
        } catch (RuntimeException e) {
            receipts.settled(receivedAt);
            throw e;
        }
        return commands.submit(command).thenApply(outcome -> {
            countRejection(outcome);
            return replies.to(request, user.id(), outcome);
        });
    }

    private void countRejection(CommandOutcome outcome) {
        if (outcome instanceof CommandOutcome.Rejected rejected) {
            meters.counter(
                            "gavel.commands.rejected",
                            "reason",
                            rejected.notice().reason().name())
                    .increment();
        }
    }
}
