package dev.gavel.systemtests.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * A real WebSocket client (the JDK's) that records every message it receives. A frame of several events
 * ({@code events}) is recorded as those events, in order, as a client handles them.
 */
public final class WsClient implements AutoCloseable {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final Map<JsonNode, Long> arrivals = Collections.synchronizedMap(new IdentityHashMap<>());
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private WebSocket socket;

    private WsClient() {}

    public static WsClient connect(URI uri, String token) {
        WsClient client = new WsClient();
        WebSocket.Builder builder =
                HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            client.socket = builder.buildAsync(uri, client.new Listener()).join();
        } catch (CompletionException e) {
            throw new HandshakeRefused(e.getCause());
        }
        return client;
    }

    /** The handshake failed; {@link #status()} is the HTTP status, or -1 if there was no response. */
    public static final class HandshakeRefused extends RuntimeException {
        HandshakeRefused(Throwable cause) {
            super(cause);
        }

        public int status() {
            return getCause() instanceof WebSocketHandshakeException handshake
                    ? handshake.getResponse().statusCode()
                    : -1;
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = Json.parse(partial.toString());
                long arrived = System.nanoTime();
                frames.add(message);
                if ("events".equals(message.path("type").asString())) {
                    message.path("events").forEach(event -> record(event, arrived));
                } else {
                    record(message, arrived);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void record(JsonNode message, long arrived) {
            arrivals.put(message, arrived);
            received.add(message);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }

    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public WsClient send(Map<String, ?> message) {
        return send(Json.write(message));
    }

    public WsClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    /** When {@code message} arrived, in {@link System#nanoTime()} terms. */
    public long arrivalNanos(JsonNode message) {
        return arrivals.get(message);
    }

    public List<JsonNode> received() {
        return new ArrayList<>(received);
    }

    /** Every frame as it arrived: an {@code events} frame whole. */
    public List<JsonNode> frames() {
        return new ArrayList<>(frames);
    }

    /** Waits for the first message matching {@code condition} and returns it. */
    public JsonNode await(String what, Predicate<JsonNode> condition) {
        return await(what, condition, Waits.DEFAULT);
    }

    public JsonNode await(String what, Predicate<JsonNode> condition, Duration timeout) {
        return Awaitility.await(what)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> received.stream().filter(condition).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    /** Waits for the reply to a request. */
    public JsonNode reply(String requestId) {
        return await(
                "a reply to " + requestId,
                message -> requestId.equals(message.path("requestId").asString(null)));
    }

    /** Waits for a message of a type about an auction (for subscriptions). */
    public JsonNode event(String type, String auctionId) {
        return await(
                type + " of " + auctionId,
                message -> type.equals(message.path("type").asString())
                        && auctionId.equals(message.path("auctionId").asString(null)));
    }

    /** Waits for the snapshot of an auction. */
    public JsonNode snapshot(String auctionId) {
        return await(
                "snapshot of " + auctionId,
                message -> "snapshot".equals(message.path("type").asString())
                        && auctionId.equals(message.path("auction").path("id").asString(null)));
    }

    /**
     * Messages of one auction's public stream, in the order received: its creation (when replayed to a client that
     * resumed from seq 0) and every event carrying its {@code seq}.
     */
    public List<JsonNode> eventsOf(String auctionId) {
        return received.stream()
                .filter(message -> (auctionId.equals(message.path("auctionId").asString(null)) && message.has("seq"))
                        || ("auction-created".equals(message.path("type").asString())
                                && auctionId.equals(
                                        message.path("auction").path("id").asString(null))))
                .toList();
    }

    /** The seq of a public event; a creation carries it in its auction. */
    public static long seqOf(JsonNode event) {
        return event.has("seq")
                ? event.path("seq").asLong()
                : event.path("auction").path("seq").asLong();
    }

    public int awaitClose() {
        return closed.orTimeout(30, TimeUnit.SECONDS).join();
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
