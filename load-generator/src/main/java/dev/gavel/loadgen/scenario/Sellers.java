package dev.gavel.loadgen.scenario;

import dev.gavel.loadgen.check.Failures;
import dev.gavel.loadgen.check.RequestLedger;
import dev.gavel.loadgen.check.RunFailure;
import dev.gavel.loadgen.ws.Frame;
import dev.gavel.loadgen.ws.Gateway;
import dev.gavel.loadgen.ws.Messages;
import dev.gavel.loadgen.ws.WsConnection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Creates the auctions a scenario needs over WebSockets, like sellers would, at a steady pace that stays within the
 * gateway's per-user command limit (20/s): one seller per 10 creates a second, and enough sellers that none has more
 * open auctions than the gateway allows one seller. This is set-up, not measurement, so a sender that fell behind does
 * not catch up in a burst (which the gateway would refuse as too fast).
 */
final class Sellers {

    /** An auction as its creation reply described it. */
    record Created(int index, String auctionId, long endsAt) {}

    private static final int CREATES_PER_SELLER_SECOND = 10;

    /** The gateway's default limit of open auctions per seller ({@code gavel.auctions.max-open-per-seller}). */
    private static final int OPEN_AUCTIONS_PER_SELLER = 20;

    private Sellers() {}

    /**
     * Creates {@code count} auctions at {@code perSecond}; {@code onCreated} hears of each as soon as it exists (on a
     * WebSocket thread).
     *
     * @return the auctions in the order they were asked for
     */
    static List<Created> create(
            Gateway gateway,
            String runId,
            String scenario,
            int count,
            double perSecond,
            long startingPriceCents,
            long durationMs,
            Failures failures,
            Consumer<Created> onCreated)
            throws InterruptedException {
        int sellers = (int) Math.max(
                Math.ceil(count / (double) OPEN_AUCTIONS_PER_SELLER),
                Math.max(1, Math.ceil(perSecond / CREATES_PER_SELLER_SECOND)));
        Created[] created = new Created[count];
        RequestLedger<Integer> ledger = new RequestLedger<>(failures);
        Failures refused = new Failures();
        List<WsConnection> connections = gateway.connect("seller", sellers, s -> new Requester<>(failures, ledger) {
            @Override
            protected void onUnrequested(WsConnection connection, Frame frame) {
                // Set-up, not measurement: a seller's connection checks only the replies to its creates.
            }

            @Override
            protected void onReply(Integer index, Frame frame, long receivedNanos) {
                if (frame.is("error")) {
                    // An answer, not a loss: the gateway refused (too fast) or gave up waiting (TIMEOUT).
                    refused.add(frame.code(), frame.requestId());
                    return;
                }
                if (!frame.is("auction-created") || frame.auctionId() == null || frame.endsAt() <= 0) {
                    failures.add("mangled reply", frame.type() + " answers create " + frame.requestId());
                    return;
                }
                Created auction = new Created(index, frame.auctionId(), frame.endsAt());
                created[index] = auction;
                onCreated.accept(auction);
            }
        });
        try {
            long interval = (long) (1e9 / perSecond);
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long wait;
                while ((wait = next - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next = Math.max(next + interval, System.nanoTime());
                String requestId = "create-" + runId + "-" + i;
                ledger.sent(requestId, i);
                connections
                        .get(i % sellers)
                        .send(Messages.createAuction(requestId, "Load test lot " + i, startingPriceCents, durationMs));
            }
            ledger.awaitAnswers(TimeUnit.SECONDS.toNanos(30));
        } finally {
            Gateway.closeAll(connections);
        }
        failures.throwIfAny(scenario + " (creating auctions)");
        if (!refused.isEmpty()) {
            throw new IllegalStateException(
                    scenario + ": the gateway refused " + refused.total() + " creates: " + refused.summary());
        }
        List<Created> all = Arrays.asList(created);
        if (all.contains(null)) {
            throw new RunFailure(scenario + ": not every auction was created");
        }
        return all;
    }
}
