package dev.gavel.loadgen.scenario;

import dev.gavel.loadgen.check.Failures;
import dev.gavel.loadgen.check.RequestLedger;
import dev.gavel.loadgen.check.SeqChecker;
import dev.gavel.loadgen.ws.Frame;
import dev.gavel.loadgen.ws.WsConnection;

/**
 * A connection that watches auctions: answers its subscriptions, checks every auction's seq and hands the events on.
 * Subclasses see each event once it has passed the seq check, on the connection's thread.
 */
abstract class Subscribers extends CheckedHandler {

    protected final RequestLedger<String> subscriptions;
    protected SeqChecker seq;

    Subscribers(Failures failures, RequestLedger<String> subscriptions) {
        super(failures);
        this.subscriptions = subscriptions;
    }

    @Override
    public final void onFrame(WsConnection connection, Frame frame, long receivedNanos) {
        if (seq == null) {
            seq = new SeqChecker(connection.name(), failures);
        }
        switch (frame.type()) {
            case "snapshot" -> {
                if (frame.resync() && frame.requestId() == null) {
                    // The gateway conflated what this client had not read yet: the latest state, announced.
                    if (seq.resync(frame.auctionId(), frame.seq())) {
                        onSnapshot(frame, receivedNanos);
                    }
                } else if (subscriptions.answered(frame.requestId(), frame.type()) != null) {
                    seq.snapshot(frame.auctionId(), frame.seq());
                    onSnapshot(frame, receivedNanos);
                }
            }
            case "auction-state" -> {
                if (seq.state(frame.auctionId(), frame.seq())) {
                    onState(frame, receivedNanos);
                }
            }
            case "bid-updated", "auction-extended", "auction-ended" -> {
                if (seq.event(frame.auctionId(), frame.seq())) {
                    onEvent(frame, receivedNanos);
                }
            }
            case "error" -> {
                subscriptions.answered(frame.requestId(), frame.type());
                failures.add("subscription refused", frame.code() + " for " + frame.requestId());
            }
            default -> onOther(frame, receivedNanos);
        }
    }

    protected void onSnapshot(Frame snapshot, long receivedNanos) {}

    /** The latest state of an auction, for a subscription to the latest state only. */
    protected void onState(Frame state, long receivedNanos) {
        failures.add("unexpected message", "auction-state on a subscription to every event");
    }

    protected abstract void onEvent(Frame event, long receivedNanos);

    protected void onOther(Frame frame, long receivedNanos) {
        failures.add("unexpected message", frame.type() + " on a watching connection");
    }
}
