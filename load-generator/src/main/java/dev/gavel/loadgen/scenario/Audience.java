package dev.gavel.loadgen.scenario;

import dev.gavel.loadgen.check.RequestLedger;
import dev.gavel.loadgen.metrics.Pacer;
import dev.gavel.loadgen.report.Results;
import dev.gavel.loadgen.ws.ResourceSampler;
import dev.gavel.loadgen.ws.WsConnection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/** Thousands of viewers joining what they watch, as set-up: at a steady pace, every subscription answered. */
final class Audience {

    private static final int SUBSCRIPTIONS_PER_SECOND = 1_000;

    private Audience() {}

    /**
     * Sends each viewer's subscription to {@code subject}, {@code subscription(requestId, subject)}, and waits for
     * every answer; one not answered within {@code timeoutSeconds} is recorded as lost by the ledger.
     */
    static void join(
            List<WsConnection> viewers,
            RequestLedger<String> ledger,
            String requestIdPrefix,
            String subject,
            BiFunction<String, String, String> subscription,
            long timeoutSeconds)
            throws InterruptedException {
        Pacer pacer = new Pacer(System.nanoTime(), SUBSCRIPTIONS_PER_SECOND);
        for (int v = 0; v < viewers.size(); v++) {
            pacer.awaitTurn(v);
            String requestId = requestIdPrefix + v;
            ledger.sent(requestId, subject);
            viewers.get(v).send(subscription.apply(requestId, subject));
        }
        ledger.awaitAnswers(TimeUnit.SECONDS.toNanos(timeoutSeconds));
    }

    /** What thousands of idle connections cost the gateway: its heap before they connected and once they joined. */
    static void recordHeap(Results.Builder result, ResourceSampler.Sample before, ResourceSampler.Sample joined) {
        if (before == null || joined == null) {
            return;
        }
        result.figure(
                "gateway_heap_before_viewers_mb",
                "Gateway heap used before the viewers connected",
                before.gatewayHeapUsed() / 1e6,
                "MB");
        result.figure(
                "gateway_heap_with_viewers_mb",
                "Gateway heap used once they had all subscribed",
                joined.gatewayHeapUsed() / 1e6,
                "MB");
    }
}
