package dev.gavel.gateway.auction;

import dev.gavel.gateway.auth.Identity;
import dev.gavel.gateway.command.CommandFactory;
import dev.gavel.gateway.command.CommandGateway;
import dev.gavel.gateway.protocol.AuctionDto;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ClientMessageReader;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.protocol.ServerMessage;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
    private final CommandGateway commands;
    private final ClientMessageReader reader = new ClientMessageReader();

    AuctionController(AuctionDirectory directory, CommandGateway commands) {
        this.directory = directory;
        this.commands = commands;
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
    CompletableFuture<ResponseEntity<ServerMessage>> create(Principal principal, @RequestBody String body) {
        return submit(principal, (ClientMessage.Command) reader.read(body, "create-auction"));
    }

    @PostMapping("/{auctionId}/bids")
    CompletableFuture<ResponseEntity<ServerMessage>> bid(
            Principal principal, @PathVariable String auctionId, @RequestBody String body) {
        ClientMessage.PlaceBid bid = (ClientMessage.PlaceBid) reader.read(body, "place-bid");
        refuseAuctionIdInBody(bid.auctionId());
        return submit(
                principal,
                new ClientMessage.PlaceBid(bid.requestId(), auctionId, bid.amount(), bid.maxAmount(), bid.bidId()));
    }

    /** Moderators and admins: end or cancel the auction, or remove a user from bidding on it. */
    @PostMapping("/{auctionId}/moderation")
    CompletableFuture<ResponseEntity<ServerMessage>> moderate(
            Principal principal, @PathVariable String auctionId, @RequestBody String body) {
        ClientMessage.ModerateAuction moderate = (ClientMessage.ModerateAuction) reader.read(body, "moderate-auction");
        refuseAuctionIdInBody(moderate.auctionId());
        return submit(
                principal,
                new ClientMessage.ModerateAuction(
                        moderate.requestId(), auctionId, moderate.action(), moderate.bidderId()));
    }

    private static void refuseAuctionIdInBody(String auctionId) {
        if (auctionId != null) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "unknown field 'auctionId': it is in the path");
        }
    }

    private CompletableFuture<ResponseEntity<ServerMessage>> submit(
            Principal principal, ClientMessage.Command request) {
        Identity identity = Identity.of(principal);
        return commands.submit(identity.user(), identity.roles(), request).thenApply(AuctionController::respond);
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
