package dev.gavel.gateway.command;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.Role;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.UserRef;
import dev.gavel.gateway.protocol.Amounts.InvalidAmountException;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.protocol.ServerMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The one way a client's command goes, from the WebSocket and the REST API alike: the user's command rate, what their
 * roles allow ({@link Permissions}), the checks of {@link CommandFactory}, a seller's limit of open auctions, the log,
 * and the one reply to the outcome.
 */
public class CommandGateway {

    private final CommandService commands;
    private final Replies replies;
    private final RateLimits limits;
    private final Receipts receipts;
    private final MeterRegistry meters;
    private final Permissions permissions;
    private final OpenAuctionLimit openAuctions;
    private final CommandFactory factory = new CommandFactory();
    private final Clock clock;

    public CommandGateway(
            CommandService commands,
            Replies replies,
            RateLimits limits,
            Receipts receipts,
            MeterRegistry meters,
            Permissions permissions,
            OpenAuctionLimit openAuctions,
            Clock clock) {
        this.clock = clock;
        this.commands = commands;
        this.replies = replies;
        this.limits = limits;
        this.receipts = receipts;
        this.meters = meters;
        this.permissions = permissions;
        this.openAuctions = openAuctions;
    }

    /**
     * Submits {@code request} as {@code user} with {@code roles}, received now. A bid with amounts no auction accepts
     * is answered at once and never reaches the log.
     *
     * @return the reply, once the outcome is known
     * @throws ProtocolException for a request refused before anything is produced: too many commands, not allowed to
     *     the user, malformed, or a creation past the seller's limit of open auctions
     */
    public CompletableFuture<ServerMessage> submit(UserRef user, Set<Role> roles, ClientMessage.Command request) {
        if (!limits.tryCommand(user.id())) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many commands: slow down");
        }
        permissions.check(roles, request);
        AuctionCommand command;
        Instant receivedAt = receipts.receive();
        try {
            command = factory.toCommand(request, user, roles, receivedAt);
            if (command instanceof AuctionCommand.CreateAuction) {
                openAuctions.reserve(user.id());
            }
        } catch (InvalidAmountException e) {
            receipts.settled(receivedAt);
            return CompletableFuture.completedFuture(
                    replies.invalidAmount((ClientMessage.PlaceBid) request, e.getMessage()));
        } catch (RuntimeException e) {
            receipts.settled(receivedAt);
            throw e;
        }
        return commands.submit(command).thenApply(outcome -> {
            if (command instanceof AuctionCommand.CreateAuction) {
                openAuctions.release(user.id());
            }
            countRejection(outcome);
            return replies.to(request, user.id(), outcome);
        });
    }

    /**
     * Submits a show command as {@code user}, received now: the same command rate, permissions and checks, to the
     * shows' log. An amount no pre-bid could have is answered at once and never reaches the log.
     *
     * @return the reply, once the outcome is known
     * @throws ProtocolException for a request refused before anything is produced
     */
    public CompletableFuture<ServerMessage> submit(UserRef user, Set<Role> roles, ClientMessage.ShowRequest request) {
        if (!limits.tryCommand(user.id())) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many commands: slow down");
        }
        permissions.check(roles, request);
        ShowCommand command;
        try {
            command = factory.toShowCommand(request, user, clock.instant());
        } catch (InvalidAmountException e) {
            return CompletableFuture.completedFuture(replies.invalidAmount(request, e.getMessage()));
        }
        return commands.submit(command).thenApply(outcome -> {
            countRejection(outcome);
            return replies.to(request, outcome);
        });
    }

    private void countRejection(CommandOutcome outcome) {
        if (outcome instanceof CommandOutcome.ShowRejected rejected) {
            meters.counter(
                            "gavel.commands.rejected",
                            "reason",
                            rejected.notice().reason().name())
                    .increment();
        }
        if (outcome instanceof CommandOutcome.Rejected rejected) {
            meters.counter(
                            "gavel.commands.rejected",
                            "reason",
                            rejected.notice().reason().name())
                    .increment();
        }
    }
}
