package dev.gavel.loadgen.scenario;

import dev.gavel.loadgen.check.Failures;
import dev.gavel.loadgen.check.RequestLedger;
import dev.gavel.loadgen.ws.Frame;
import dev.gavel.loadgen.ws.WsConnection;

/**
 * A connection that sends requests: each reply is handed on with the request it answers, once; a reply to no pending
 * request fails the run (see {@link RequestLedger}).
 *
 * @param <T> what the sender remembers about a request
 */
abstract class Requester<T> extends CheckedHandler {

    private final RequestLedger<T> ledger;

    Requester(Failures failures, RequestLedger<T> ledger) {
        super(failures);
        this.ledger = ledger;
    }

    @Override
    public final void onFrame(WsConnection connection, Frame frame, long receivedNanos) {
        if (frame.requestId() == null) {
            onUnrequested(connection, frame);
            return;
        }
        T request = ledger.answered(frame.requestId(), frame.type());
        if (request != null) {
            onReply(request, frame, receivedNanos);
        }
    }

    /** A message that answers no request: a connection that only sends requests expects none. */
    protected void onUnrequested(WsConnection connection, Frame frame) {
        failures.add("unexpected message", frame.type() + " without requestId to " + connection.name());
    }

    protected abstract void onReply(T request, Frame reply, long receivedNanos);
}
