package dev.gavel.loadgen.check;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The requests sent and not yet answered. Every request must get exactly one reply: a reply to a request that is not
 * pending (never sent, or already answered) is recorded as a failure, and so is every request still pending when the
 * run ends.
 *
 * @param <T> what the sender remembers about a request
 */
public final class RequestLedger<T> {

    private final Map<String, T> pending = new ConcurrentHashMap<>();
    private final Failures failures;

    public RequestLedger(Failures failures) {
        this.failures = failures;
    }

    public void sent(String requestId, T request) {
        if (pending.putIfAbsent(requestId, request) != null) {
            throw new IllegalStateException("request id " + requestId + " reused by the load generator");
        }
    }

    /** The request a reply answers, or null (and a failure) if there is none pending with that id. */
    public T answered(String requestId, String replyType) {
        T request = requestId == null ? null : pending.remove(requestId);
        if (request == null) {
            failures.add("reply to an unknown or already answered request", replyType + " for requestId " + requestId);
        }
        return request;
    }

    public int outstanding() {
        return pending.size();
    }

    /**
     * Waits until every request is answered or {@code timeoutNanos} passed, then records those still pending as lost.
     *
     * @return how many were lost
     */
    public int awaitAnswers(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!pending.isEmpty() && deadline - System.nanoTime() > 0) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        int lost = pending.size();
        pending.keySet().forEach(id -> failures.add("no reply", "request " + id + " was never answered"));
        pending.clear();
        return lost;
    }
}
