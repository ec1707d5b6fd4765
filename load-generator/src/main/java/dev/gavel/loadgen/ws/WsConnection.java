package dev.gavel.loadgen.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One client WebSocket, on the JDK's non-blocking client: many of them share one {@link HttpClient}, its selector
 * thread and a small executor, so thousands of connections cost buffers, not threads. The JDK allows one outstanding
 * send per socket: {@link #send} queues behind it and never blocks the caller, so the queueing delay a slow socket
 * causes is part of the latency measured from the intended send time.
 */
public final class WsConnection implements WebSocket.Listener {

    /** Told about everything a connection receives, on the client's executor, in the order it arrived. */
    public interface Handler {
        void onFrame(WsConnection connection, Frame frame, long receivedNanos);

        void onUnreadable(WsConnection connection, String text, String problem);

        /** The connection closed or failed without the load generator asking for it. */
        void onLost(WsConnection connection, String why);
    }

    private final String name;
    private final Handler handler;
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private boolean sending;
    private volatile boolean closing;

    private WsConnection(String name, Handler handler) {
        this.name = name;
        this.handler = handler;
    }

    public static CompletableFuture<WsConnection> open(
            HttpClient client, URI uri, String token, String name, Handler handler) {
        WsConnection connection = new WsConnection(name, handler);
        return client.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(15))
                .buildAsync(uri, connection)
                // The connect timeout covers TCP only: a server that accepts but never answers the upgrade must not
                // hang the run.
                .orTimeout(30, TimeUnit.SECONDS)
                .thenApply(socket -> {
                    synchronized (connection) {
                        connection.socket = socket;
                    }
                    return connection;
                });
    }

    public String name() {
        return name;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        // A load generator reads as fast as it can: no back-pressure towards the gateway.
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long received = System.nanoTime();
        if (!last) {
            partial.append(data);
            return null;
        }
        String text;
        if (partial.isEmpty()) {
            text = data.toString();
        } else {
            text = partial.append(data).toString();
            partial.setLength(0);
        }
        List<Frame> frames;
        try {
            frames = FrameParser.parse(text);
        } catch (FrameParser.UnreadableFrame e) {
            handler.onUnreadable(this, text, e.getMessage());
            return null;
        }
        for (Frame frame : frames) {
            handler.onFrame(this, frame, received);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
        handler.onUnreadable(this, "(binary frame)", "the gateway sends text frames only");
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!closing) {
            handler.onLost(this, "closed by the server with " + statusCode + " " + reason);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closing) {
            handler.onLost(this, "failed: " + error);
        }
    }

    /** Queues a text message; it goes out once the ones before it have. */
    public void send(String text) {
        synchronized (this) {
            if (sending) {
                outbox.addLast(text);
                return;
            }
            sending = true;
        }
        transmit(text);
    }

    private void transmit(String first) {
        String text = first;
        while (text != null) {
            CompletableFuture<WebSocket> sent;
            try {
                sent = socket.sendText(text, true);
            } catch (RuntimeException e) {
                lostOnSend(e);
                return;
            }
            if (!sent.isDone()) {
                sent.whenComplete((ws, error) -> {
                    if (error != null) {
                        lostOnSend(error);
                    } else {
                        transmit(next());
                    }
                });
                return;
            }
            if (sent.isCompletedExceptionally()) {
                sent.exceptionally(error -> {
                    lostOnSend(error);
                    return null;
                });
                return;
            }
            text = next();
        }
    }

    private synchronized String next() {
        String next = outbox.pollFirst();
        if (next == null) {
            sending = false;
        }
        return next;
    }

    private void lostOnSend(Throwable error) {
        if (!closing) {
            handler.onLost(this, "a send failed: " + error);
        }
    }

    /** Closes the connection normally; what happens to it afterwards is not a failure. */
    public CompletableFuture<Void> close() {
        closing = true;
        WebSocket current;
        synchronized (this) {
            current = socket;
        }
        if (current == null) {
            return CompletableFuture.completedFuture(null);
        }
        return current.sendClose(WebSocket.NORMAL_CLOSURE, "done").handle((ws, error) -> {
            if (error != null) {
                current.abort();
            }
            return null;
        });
    }

    public void abort() {
        closing = true;
        WebSocket current;
        synchronized (this) {
            current = socket;
        }
        if (current != null) {
            current.abort();
        }
    }
}
