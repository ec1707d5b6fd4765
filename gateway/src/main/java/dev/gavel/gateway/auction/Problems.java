package dev.gavel.gateway.auction;

import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.protocol.ServerMessage;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * REST errors as RFC 9457 problem details: {@code type} names the problem ({@code urn:gavel:problem:bid-too-low}),
 * {@code code} is the same code the WebSocket protocol uses, {@code detail} says what to fix.
 */
@RestControllerAdvice
class Problems {

    @ExceptionHandler(ProtocolException.class)
    ProblemDetail protocol(ProtocolException e) {
        return problem(statusOf(e.code().name()), e.code().name(), e.getMessage(), null);
    }

    /** A command the processor or the gateway refused, carried out of an asynchronous reply. */
    static final class Refused extends RuntimeException {
        private final transient ProblemDetail problem;

        Refused(ProblemDetail problem) {
            super(problem.getDetail(), null, false, false);
            this.problem = problem;
        }
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused e) {
        return ResponseEntity.status(e.problem.getStatus()).body(e.problem);
    }

    static Refused rejected(ServerMessage reply) {
        ProblemDetail problem;
        if (reply instanceof ServerMessage.BidRejected rejected) {
            problem =
                    problem(statusOf(rejected.reason()), rejected.reason(), rejected.message(), rejected.minimumBid());
        } else {
            ServerMessage.Error error = (ServerMessage.Error) reply;
            problem = problem(statusOf(error.code()), error.code(), error.message(), null);
        }
        return new Refused(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail, BigDecimal minimumBid) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(
                URI.create("urn:gavel:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(code);
        problem.setProperty("code", code);
        if (minimumBid != null) {
            problem.setProperty("minimumBid", minimumBid);
        }
        return problem;
    }

    private static HttpStatus statusOf(String code) {
        return switch (code) {
            case "INVALID_MESSAGE", "INVALID_AUCTION", "INVALID_SHOW", "INVALID_LOT", "INVALID_AMOUNT" ->
                HttpStatus.BAD_REQUEST;
            case "UNAUTHORIZED", "TOKEN_EXPIRED" -> HttpStatus.UNAUTHORIZED;
            case "FORBIDDEN", "NOT_MODERATOR" -> HttpStatus.FORBIDDEN;
            case "AUCTION_NOT_FOUND", "SHOW_NOT_FOUND" -> HttpStatus.NOT_FOUND;
            case "MESSAGE_TOO_LARGE" -> HttpStatus.CONTENT_TOO_LARGE;
            case "RATE_LIMITED" -> HttpStatus.TOO_MANY_REQUESTS;
            case "UNAVAILABLE" -> HttpStatus.SERVICE_UNAVAILABLE;
            case "TIMEOUT" -> HttpStatus.GATEWAY_TIMEOUT;
            default -> HttpStatus.CONFLICT;
        };
    }
}
