package dev.gavel.loadgen.ws;

import dev.gavel.events.JsonSerde;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The gateway as clients see it: demo tokens over HTTP, WebSockets, and its Prometheus metrics. WebSockets share one
 * JDK HTTP client whose callbacks run on a fixed pool of {@code ioThreads}, so the client side cannot grow threads
 * without bound on a small machine.
 */
public final class Gateway implements AutoCloseable {

    /** A signed-in simulated user. */
    public record User(String token, String id, String name) {}

    private final URI base;
    private final URI ws;
    private final ExecutorService io;
    private final HttpClient sockets;
    private final HttpClient http;

    public Gateway(String baseUri, int ioThreads) {
        this.base = Endpoints.loopback(baseUri.endsWith("/") ? baseUri : baseUri + "/");
        this.ws = URI.create(base.toString().replaceFirst("^http", "ws") + "ws");
        this.io = Executors.newFixedThreadPool(ioThreads, daemon("ws-io-"));
        this.sockets = HttpClient.newBuilder()
                .executor(io)
                .connectTimeout(Duration.ofSeconds(15))
                .build();
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    public User token(String name) {
        try {
            return parseUser(http.send(tokenRequest(name), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the gateway at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Signs in {@code count} users named {@code prefix-0}, {@code prefix-1}, ..., a few requests at a time. */
    public List<User> users(String prefix, int count) {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<User>> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquireUninterruptibly();
            users.add(http.sendAsync(tokenRequest(prefix + "-" + i), HttpResponse.BodyHandlers.ofString())
                    .thenApply(Gateway::parseUser)
                    .whenComplete((user, error) -> inFlight.release()));
        }
        return users.stream().map(CompletableFuture::join).toList();
    }

    private HttpRequest tokenRequest(String name) {
        return HttpRequest.newBuilder(base.resolve("api/demo/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonSerde.MAPPER.writeValueAsString(Map.of("name", name))))
                .build();
    }

    private static User parseUser(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /api/demo/token answered " + response.statusCode()
                    + " (is the gateway running with GAVEL_AUTH_DEMO_TOKENS=true?): " + response.body());
        }
        JsonNode body = JsonSerde.MAPPER.readTree(response.body());
        return new User(
                body.path("token").asString(),
                body.path("user").path("id").asString(),
                body.path("user").path("name").asString());
    }

    /** Opens one WebSocket per handler, at most {@code concurrency} handshakes at a time. */
    public List<WsConnection> connect(List<User> users, List<String> names, List<WsConnection.Handler> handlers) {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<WsConnection>> opening = new ArrayList<>(handlers.size());
        for (int i = 0; i < handlers.size(); i++) {
            inFlight.acquireUninterruptibly();
            opening.add(WsConnection.open(sockets, ws, users.get(i).token(), names.get(i), handlers.get(i))
                    .whenComplete((connection, error) -> inFlight.release()));
        }
        List<WsConnection> connections = new ArrayList<>(handlers.size());
        for (CompletableFuture<WsConnection> connection : opening) {
            try {
                connections.add(connection.join());
            } catch (RuntimeException e) {
                connections.forEach(WsConnection::abort);
                throw new IllegalStateException("could not open a WebSocket to " + ws + ": " + e.getMessage(), e);
            }
        }
        return connections;
    }

    /** The gateway's Prometheus exposition. */
    public String metrics() {
        return scrape(base.resolve("actuator/prometheus"));
    }

    /** Another service's Prometheus exposition (the processor's), on this machine. */
    public String scrape(URI uri) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read metrics at " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static void closeAll(List<WsConnection> connections) {
        CompletableFuture.allOf(connections.stream().map(WsConnection::close).toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, 10, java.util.concurrent.TimeUnit.SECONDS)
                .join();
        connections.forEach(WsConnection::abort);
    }

    @Override
    public void close() {
        io.shutdownNow();
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
