package dev.gavel.gateway.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.ShowCommand;
import dev.gavel.gateway.command.CommandGateway;
import dev.gavel.gateway.command.CommandOutcome;
import dev.gavel.gateway.command.CommandService;
import dev.gavel.gateway.command.OpenAuctionLimit;
import dev.gavel.gateway.command.Permissions;
import dev.gavel.gateway.command.RateLimits;
import dev.gavel.gateway.command.Receipts;
import dev.gavel.gateway.command.Replies;
import dev.gavel.gateway.protocol.FrameWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The command path as the gateway wires it ({@link CommandGateway} over {@link CommandService}), with a Kafka producer
 * that the test plays: it sees what is produced and answers it as the feed would.
 */
public final class CommandLog {

    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    /** The gateway's default limit of open auctions per seller. */
    public static final int MAX_OPEN_PER_SELLER = 20;

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, AuctionCommand> kafka = mock(KafkaTemplate.class);

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, ShowCommand> showKafka = mock(KafkaTemplate.class);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CommandService service;
    private final CommandGateway gateway;

    /** With the gateway's default command rate: 20 a second, bursts of 40. */
    public CommandLog(Clock clock) {
        this(clock, 40);
    }

    public CommandLog(Clock clock, int commandBurst) {
        this(clock, commandBurst, new Permissions(false), new OpenAuctionLimit(MAX_OPEN_PER_SELLER, seller -> 0));
    }

    /** With the permissions and the limit of open auctions the test sets. */
    public CommandLog(Clock clock, int commandBurst, Permissions permissions, OpenAuctionLimit openAuctions) {
        when(kafka.send(anyString(), anyString(), any())).thenReturn(new CompletableFuture<>());
        when(showKafka.send(anyString(), anyString(), any())).thenReturn(new CompletableFuture<>());
        Receipts receipts = new Receipts(clock);
        service = new CommandService(kafka, showKafka, receipts, REPLY_TIMEOUT, clock, meters);
        RateLimits limits = new RateLimits(20, commandBurst, 50, 100);
        gateway = new CommandGateway(
                service,
                new Replies(new FrameWriter(clock)),
                limits,
                receipts,
                meters,
                permissions,
                openAuctions,
                clock);
    }

    public CommandGateway gateway() {
        return gateway;
    }

    public CommandService service() {
        return service;
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    /** Every command produced so far, oldest first. */
    public List<AuctionCommand> produced() {
        ArgumentCaptor<AuctionCommand> commands = ArgumentCaptor.forClass(AuctionCommand.class);
        verify(kafka, atLeast(0)).send(anyString(), anyString(), commands.capture());
        return commands.getAllValues();
    }

    /** Every show command produced so far, oldest first. */
    public List<ShowCommand> producedShowCommands() {
        ArgumentCaptor<ShowCommand> commands = ArgumentCaptor.forClass(ShowCommand.class);
        verify(showKafka, atLeast(0)).send(anyString(), anyString(), commands.capture());
        return commands.getAllValues();
    }

    /** The command produced last. */
    public AuctionCommand last() {
        List<AuctionCommand> produced = produced();
        if (produced.isEmpty()) {
            throw new AssertionError("no command was produced");
        }
        return produced.get(produced.size() - 1);
    }

    /** The outcome of the command produced last arrives. */
    public void answerLast(CommandOutcome outcome) {
        service.complete(last().commandId(), outcome);
    }

    /** The processor rejects the command produced last for {@code reason}, without a minimum bid. */
    public void rejectLast(RejectionReason reason) {
        AuctionCommand command = last();
        answerLast(new CommandOutcome.Rejected(new CommandRejected(
                command.commandId(),
                command.auctionId(),
                command.commandType(),
                command.issuer(),
                Times.NOW,
                reason,
                "refused: " + reason,
                null)));
    }

    /** How many commands the processor rejected for {@code reason}, as the gateway counts them. */
    public double rejections(RejectionReason reason) {
        Counter counter = meters.find("gavel.commands.rejected")
                .tag("reason", reason.name())
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
