package dev.gavel.gateway.auction;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.UserRef;
import dev.gavel.gateway.auth.Identity;
import dev.gavel.gateway.command.CommandFactory;
import dev.gavel.gateway.command.CommandService;
import dev.gavel.gateway.command.RateLimits;
import dev.gavel.gateway.command.Replies;
import dev.gavel.gateway.protocol.Amounts.InvalidAmountException;
import dev.gavel.gateway.protocol.AuctionDto;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ClientMessageReader;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.protocol.ServerMessage;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API, for bots and integrations: the same validation and outcomes as the WebSocket, and a command's HTTP
 * reply waits for its decision. Errors are RFC 9457 problem details (see {@link Problems}).
 */
@RestController
@RequestMapping("/api/auctions")
class AuctionController {

    static final int MAX_PAGE_SIZE = 100;

    private final AuctionDirectory directory;
    private final CommandService commands;
    private final Replies replies;
    private final RateLimits limits;
    private final Clock clock;
    private final CommandFactory factory = new CommandFactory();
    private final ClientMessageReader reader = new ClientMessageReader();

    AuctionController(
            AuctionDirectory directory, CommandService commands, Replies replies, RateLimits limits, Clock clock) {
        this.directory = directory;
        this.commands = commands;
        this.replies = replies;
        this.limits = limits;
        this.clock = clock;
    }

    record Page(List<AuctionDto> items, int page, int size, int totalItems) {}

    /** Open auctions, ending soonest first. */
    @GetMapping
    Page open(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProtocolException(
                    ErrorCode.INVALID_MESSAGE, "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        List<AuctionDto> open =
                directory.openAuctions().stream().map(AuctionDto::of).toList();
        int from = (int) Math.min((long) page * size, open.size());
        int to = Math.min(from + size, open.size());
        return new Page(open.subList(from, to), page, size, open.size());
    }

    @GetMapping("/{auctionId}")
    AuctionDto auction(@PathVariable String auctionId) {
        return directory
                .find(CommandFactory.auctionId(auctionId))
                .map(AuctionDto::of)
                .orElseThrow(
                        () -> new ProtocolException(ErrorCode.AUCTION_NOT_FOUND, "there is no auction " + auctionId));
    }

    @PostMapping
    CompletableFuture<ResponseEntity<ServerMessage>> create(
            @AuthenticationPrincipal Jwt jwt, @RequestBody String body) {
        return submit(jwt, (ClientMessage.Command) reader.read(body, "create-auction"));
    }

    @PostMapping("/{auctionId}/bids")
    CompletableFuture<ResponseEntity<ServerMessage>> bid(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String auctionId, @RequestBody String body) {
        ClientMessage.PlaceBid bid = (ClientMessage.PlaceBid) reader.read(body, "place-bid");
        if (bid.auctionId() != null) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "unknown field 'auctionId': it is in the path");
        }
        return submit(
                jwt,
                new ClientMessage.PlaceBid(bid.requestId(), auctionId, bid.amount(), bid.maxAmount(), bid.bidId()));
    }

    private CompletableFuture<ResponseEntity<ServerMessage>> submit(Jwt jwt, ClientMessage.Command request) {
        UserRef user = Identity.of(jwt).user();
        if (!limits.tryCommand(user.id())) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many commands: slow down");
        }
        AuctionCommand command;
        try {
            command = factory.toCommand(request, user, clock.instant());
        } catch (InvalidAmountException e) {
            throw Problems.rejected(
                    replies.invalidAmount(request, ((ClientMessage.PlaceBid) request).auctionId(), e.getMessage()));
        }
        return commands.submit(command).thenApply(outcome -> respond(replies.to(request, user.id(), outcome)));
    }

    private static ResponseEntity<ServerMessage> respond(ServerMessage reply) {
        if (reply instanceof ServerMessage.AuctionCreated created) {
            return ResponseEntity.created(
                            URI.create("/api/auctions/" + created.auction().id()))
                    .body(created);
        }
        if (reply instanceof ServerMessage.BidRejected || reply instanceof ServerMessage.Error) {
            throw Problems.rejected(reply);
        }
        return ResponseEntity.status(HttpStatus.OK).body(reply);
    }
}
