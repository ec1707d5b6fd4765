package dev.gavel.gateway.session;

import dev.gavel.events.Role;
import dev.gavel.events.UserRef;
import dev.gavel.gateway.testing.Times;
import dev.gavel.gateway.testing.Users;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A client session over a {@link FakeSocket}: Bob's, signed in for another minute, with the gateway's limits, its
 * frames written on the calling thread. A test changes what it is about.
 */
final class SessionBuilder {

    static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(3);
    static final long MAX_MESSAGE_BYTES = 8_192;
    static final Instant TOKEN_EXPIRY = Times.NOW.plusSeconds(60);

    private final FakeSocket socket;
    private final Clock clock;
    private UserRef user = Users.BOB;
    private Instant tokenExpiresAt = TOKEN_EXPIRY;
    private Set<Role> roles = Set.of();
    private int queueLimit = 2_000;
    private Duration conflateAfter = Duration.ofMillis(250);
    private int messageBurst = 100;
    private ClientSession.SessionListener listener = session -> {};

    private SessionBuilder(FakeSocket socket, Clock clock) {
        this.socket = socket;
        this.clock = clock;
    }

    static SessionBuilder sessionOver(FakeSocket socket, Clock clock) {
        return new SessionBuilder(socket, clock);
    }

    /** The user and token expiry of the session; a null user is an anonymous viewer, with no token. */
    SessionBuilder of(UserRef user, Instant tokenExpiresAt) {
        this.user = user;
        this.tokenExpiresAt = tokenExpiresAt;
        return this;
    }

    /** The roles the session's token grants. */
    SessionBuilder roles(Role... roles) {
        this.roles = Set.of(roles);
        return this;
    }

    SessionBuilder queueLimit(int queueLimit) {
        this.queueLimit = queueLimit;
        return this;
    }

    SessionBuilder conflateAfter(Duration conflateAfter) {
        this.conflateAfter = conflateAfter;
        return this;
    }

    /** How many messages the client may send at once; they are not given back while the test runs. */
    SessionBuilder messageBurst(int messageBurst) {
        this.messageBurst = messageBurst;
        return this;
    }

    SessionBuilder listener(ClientSession.SessionListener listener) {
        this.listener = listener;
        return this;
    }

    ClientSession build() {
        Bucket messageLimit = Bucket.builder()
                .addLimit(limit -> limit.capacity(messageBurst).refillGreedy(messageBurst, Duration.ofHours(1)))
                .build();
        return new ClientSession(
                socket.ws(),
                user,
                tokenExpiresAt,
                roles,
                queueLimit,
                conflateAfter,
                SEND_TIME_LIMIT,
                messageLimit,
                MAX_MESSAGE_BYTES,
                socket.text(),
                Runnable::run,
                clock,
                listener);
    }
}
