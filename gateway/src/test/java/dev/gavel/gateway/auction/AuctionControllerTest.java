package dev.gavel.gateway.auction;

import static dev.gavel.gateway.testing.Users.BOB;
import static dev.gavel.gateway.testing.Users.CAROL;
import static dev.gavel.gateway.testing.Users.SAM_THE_SELLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.Role;
import dev.gavel.events.UserRef;
import dev.gavel.gateway.auth.Roles;
import dev.gavel.gateway.command.CommandOutcome;
import dev.gavel.gateway.command.OpenAuctionLimit;
import dev.gavel.gateway.command.Permissions;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.protocol.ServerMessage;
import dev.gavel.gateway.testing.AuctionHistory;
import dev.gavel.gateway.testing.CommandLog;
import dev.gavel.gateway.testing.ManualScheduler;
import dev.gavel.gateway.testing.MutableClock;
import dev.gavel.gateway.testing.Times;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class AuctionControllerTest {

    private static final int COMMAND_BURST = 2;
    private static final String BID = "{\"amount\":11}";

    private final MutableClock clock = new MutableClock();
    private final FrameWriter frames = new FrameWriter(clock);
    private final AuctionDirectory directory =
            new AuctionDirectory(frames, 16, Duration.ZERO, Integer.MAX_VALUE, new ManualScheduler());
    private final CommandLog commands = new CommandLog(clock, COMMAND_BURST);
    private final AuctionController controller = new AuctionController(directory, commands.gateway());
    private final Problems problems = new Problems();
    private final AuctionHistory lamp = AuctionHistory.open("lamp");

    /** The principal of a request with a verified token of {@code user}, granting {@code roles}. */
    private static JwtAuthenticationToken tokenOf(UserRef user, Role... roles) {
        Jwt jwt = Jwt.withTokenValue("token")
                .header("alg", "HS256")
                .subject(user.id())
                .claim("name", user.name())
                .expiresAt(Times.NOW.plusSeconds(60))
                .build();
        return new JwtAuthenticationToken(jwt, Roles.authorities(Set.of(roles)));
    }

    /** The problem an asynchronous reply failed with, as the REST API answers it. */
    private ResponseEntity<ProblemDetail> problemOf(CompletableFuture<?> reply) {
        CompletionException failed = catchThrowableOfType(CompletionException.class, reply::join);
        return problems.refused((Problems.Refused) failed.getCause());
    }

    @Nested
    class ABid {

        @Test
        void isAnsweredWithItsAcceptance() {
            CompletableFuture<ResponseEntity<ServerMessage>> reply = controller.bid(tokenOf(BOB), "lamp", BID);

            AuctionEvent.BidPlaced placed =
                    lamp.bid(BOB, 11_00, BOB, commands.last().commandId());
            commands.answerLast(new CommandOutcome.Accepted(placed, lamp.view()));

            assertThat(reply.join().getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(reply.join().getBody()).isInstanceOf(ServerMessage.BidAccepted.class);
            assertThat(((AuctionCommand.PlaceBid) commands.last()).bidder()).isEqualTo(BOB);
        }

        @Test
        void rejectedIsAProblemAndIsCountedByReason() {
            CompletableFuture<ResponseEntity<ServerMessage>> reply = controller.bid(tokenOf(BOB), "lamp", BID);

            commands.rejectLast(RejectionReason.BID_TOO_LOW);

            ResponseEntity<ProblemDetail> problem = problemOf(reply);
            assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(problem.getBody().getProperties()).containsEntry("code", "BID_TOO_LOW");
            assertThat(commands.rejections(RejectionReason.BID_TOO_LOW)).isEqualTo(1);
        }

        @Test
        void withAnAmountNoAuctionAcceptsIsABadRequestAndNeverReachesTheLog() {
            CompletableFuture<ResponseEntity<ServerMessage>> reply =
                    controller.bid(tokenOf(BOB), "lamp", "{\"amount\":11.001}");

            ResponseEntity<ProblemDetail> problem = problemOf(reply);
            assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(problem.getBody().getProperties()).containsEntry("code", "INVALID_AMOUNT");
            assertThat(commands.produced()).isEmpty();
        }

        @Test
        void beyondTheUsersCommandRateIsRefused() {
            controller.bid(tokenOf(BOB), "lamp", BID);
            controller.bid(tokenOf(BOB), "lamp", BID);

            ProtocolException refused =
                    catchThrowableOfType(ProtocolException.class, () -> controller.bid(tokenOf(BOB), "lamp", BID));

            assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(commands.produced()).hasSize(COMMAND_BURST);
        }
    }

    @Nested
    class AModeration {

        private static final String END = "{\"action\":\"end\"}";

        @Test
        void byAUserWithoutAModeratingRoleIsForbidden() {
            ProtocolException refused =
                    catchThrowableOfType(ProtocolException.class, () -> controller.moderate(tokenOf(BOB), "lamp", END));

            assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(problems.protocol(refused).getStatus()).isEqualTo(HttpStatus.FORBIDDEN.value());
            assertThat(commands.produced()).isEmpty();
        }

        @Test
        void byAModeratorIsProducedForTheAuctionOfThePath() {
            CompletableFuture<ResponseEntity<ServerMessage>> reply =
                    controller.moderate(tokenOf(CAROL, Role.MODERATOR), "lamp", END);

            AuctionCommand.ModerateAuction produced = (AuctionCommand.ModerateAuction) commands.last();
            commands.answerLast(new CommandOutcome.Accepted(
                    lamp.ended(Outcome.UNSOLD, null, null, produced.commandId()), lamp.view()));

            assertThat(produced.auctionId()).isEqualTo("lamp");
            assertThat(produced.moderator()).isEqualTo(CAROL);
            assertThat(reply.join().getBody()).isInstanceOf(ServerMessage.Moderated.class);
        }

        @Test
        void refusedByTheProcessorForTheRoleIsForbidden() {
            CompletableFuture<ResponseEntity<ServerMessage>> reply =
                    controller.moderate(tokenOf(CAROL, Role.ADMIN), "lamp", END);

            commands.rejectLast(RejectionReason.NOT_MODERATOR);

            assertThat(problemOf(reply).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        }

        @Test
        void withTheAuctionIdInTheBodyIsRefused() {
            ProtocolException refused = catchThrowableOfType(
                    ProtocolException.class,
                    () -> controller.moderate(
                            tokenOf(CAROL, Role.MODERATOR), "lamp", "{\"action\":\"end\",\"auctionId\":\"vase\"}"));

            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        }
    }

    @Nested
    class ACreateWhereSellingNeedsTheRole {

        private final CommandLog sellersOnly =
                new CommandLog(clock, COMMAND_BURST, new Permissions(true), new OpenAuctionLimit(20, seller -> 0));
        private final AuctionController controller = new AuctionController(directory, sellersOnly.gateway());
        private static final String VASE = "{\"title\":\"Vase\",\"startingPrice\":10,\"durationMs\":60000}";

        @Test
        void withoutTheSellerRoleIsForbidden() {
            ProtocolException refused =
                    catchThrowableOfType(ProtocolException.class, () -> controller.create(tokenOf(BOB), VASE));

            assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(problems.protocol(refused).getStatus()).isEqualTo(HttpStatus.FORBIDDEN.value());
            assertThat(sellersOnly.produced()).isEmpty();
        }

        @Test
        void withTheSellerRoleIsProduced() {
            controller.create(tokenOf(SAM_THE_SELLER, Role.SELLER), VASE);

            assertThat(sellersOnly.last().issuer()).isEqualTo(SAM_THE_SELLER);
        }
    }

    @Nested
    class ACreate {

        @Test
        void isAnswered201WithTheAuctionsLocation() {
            AuctionHistory vase = AuctionHistory.of("vase");
            CompletableFuture<ResponseEntity<ServerMessage>> reply = controller.create(
                    tokenOf(SAM_THE_SELLER), "{\"title\":\"Vase\",\"startingPrice\":10,\"durationMs\":60000}");

            AuctionEvent.AuctionCreated created = vase.created(commands.last().commandId());
            commands.answerLast(new CommandOutcome.Accepted(created, vase.view()));

            assertThat(reply.join().getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(reply.join().getHeaders().getLocation()).hasToString("/api/auctions/vase");
        }
    }
}
