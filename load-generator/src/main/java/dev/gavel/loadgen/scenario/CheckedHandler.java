package dev.gavel.loadgen.scenario;

import dev.gavel.loadgen.check.Failures;
import dev.gavel.loadgen.ws.WsConnection;

/** What a scenario's connections have in common: a message it cannot read, or the connection lost, fails the run. */
abstract class CheckedHandler implements WsConnection.Handler {

    protected final Failures failures;

    CheckedHandler(Failures failures) {
        this.failures = failures;
    }

    @Override
    public final void onUnreadable(WsConnection connection, String text, String problem) {
        failures.add("unreadable message", problem + ": " + text);
    }

    @Override
    public final void onLost(WsConnection connection, String why) {
        failures.add("connection lost", connection.name() + " " + why);
    }
}
