package dev.gavel.gateway.session;

import org.springframework.web.socket.CloseStatus;

/** Why the gateway closes a WebSocket. Codes 4000-4999 are Gavel's own; clients reconnect unless told not to. */
public final class CloseCodes {

    /** The gateway is shutting down: reconnect, to another instance if there is one. */
    public static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY.withReason("server shutting down");

    /** The client did not read its messages fast enough; reconnect and resume with lastSeq. */
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(4008, "too slow: messages were not read in time");

    /** The user already has the maximum number of connections. */
    public static final CloseStatus TOO_MANY_CONNECTIONS = new CloseStatus(4029, "too many connections for this user");

    /** The client kept sending after being told to slow down. */
    public static final CloseStatus ABUSIVE =
            new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "too many requests");

    private CloseCodes() {}
}
