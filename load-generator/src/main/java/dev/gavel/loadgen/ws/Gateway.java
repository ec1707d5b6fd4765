package dev.gavel.loadgen.ws;

import dev.gavel.events.JsonSerde;
import dev.gavel.loadgen.check.RunFailure;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * The gateway as clients see it: demo tokens over HTTP, WebSockets, and its Prometheus metrics. WebSockets share
 * {@code ioThreads} Netty event loops, so the client side cannot grow threads without bound on a small machine.
 */
public final class Gateway implements AutoCloseable {

    /** A signed-in simulated user. */
    public record User(String token, String id, String name) {}

    private final URI base;
    private final URI ws;
    private final EventLoopGroup io;
    private final Bootstrap sockets;
    private final HttpClient http;

    public Gateway(String baseUri, int ioThreads) {
        this.base = Endpoints.loopback(baseUri.endsWith("/") ? baseUri : baseUri + "/");
        this.ws = URI.create(base.toString().replaceFirst("^http", "ws") + "ws");
        this.io = new MultiThreadIoEventLoopGroup(
                ioThreads, new DefaultThreadFactory("ws-io", true), NioIoHandler.newFactory());
        this.sockets = new Bootstrap()
                .group(io)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000);
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

    /**
     * Signs in {@code count} new users named {@code prefix-0}, {@code prefix-1}, ..., a few requests at a time. Each
     * gets a fresh id whatever its name, so names need not be unique across runs.
     */
    public List<User> users(String prefix, int count) {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<User>> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquireUninterruptibly();
            users.add(http.sendAsync(tokenRequest(prefix + "-" + i), HttpResponse.BodyHandlers.ofString())
                    .thenApply(Gateway::parseUser)
                    .whenComplete((user, error) -> inFlight.release()));
        }
        try {
            return users.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
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
            String hint = response.statusCode() == 401 || response.statusCode() == 404
                    ? " (is the gateway running with GAVEL_AUTH_DEMO_TOKENS=true?)"
                    : "";
            throw new IllegalStateException(
                    "POST /api/demo/token answered " + response.statusCode() + hint + ": " + response.body());
        }
        JsonNode body = JsonSerde.MAPPER.readTree(response.body());
        return new User(
                body.path("token").asString(),
                body.path("user").path("id").asString(),
                body.path("user").path("name").asString());
    }

    /** Signs in {@code count} users named {@code prefix-0}, {@code prefix-1}, ... and opens a WebSocket for each. */
    public List<WsConnection> connect(String prefix, int count, IntFunction<WsConnection.Handler> handlers) {
        return connect(prefix, users(prefix, count), handlers);
    }

    /**
     * Opens one WebSocket per entry of {@code users} (a user may have several), named {@code prefix-0},
     * {@code prefix-1}, ..., each with the handler made for its number, a few handshakes at a time. Stops at the first
     * refusal: a gateway that gave way must not keep the run waiting for thousands of handshake timeouts.
     */
    public List<WsConnection> connect(String prefix, List<User> users, IntFunction<WsConnection.Handler> handlers) {
        Semaphore inFlight = new Semaphore(32);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<CompletableFuture<WsConnection>> opening = new ArrayList<>(users.size());
        for (int i = 0; i < users.size() && failure.get() == null; i++) {
            inFlight.acquireUninterruptibly();
            opening.add(WsConnection.open(sockets, ws, users.get(i).token(), prefix + "-" + i, handlers.apply(i))
                    .whenComplete((connection, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                        inFlight.release();
                    }));
        }
        List<WsConnection> connections = new ArrayList<>(users.size());
        for (CompletableFuture<WsConnection> connection : opening) {
            try {
                connections.add(connection.join());
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }
        if (failure.get() == null) {
            return connections;
        }
        connections.forEach(WsConnection::abort);
        String what = "opened " + connections.size() + " of " + users.size() + " WebSockets to " + ws
                + ", then one failed: " + failure.get();
        // Once some connections were accepted, a refusal is the gateway failing under the load.
        throw connections.isEmpty()
                ? new IllegalStateException(what, failure.get())
                : new RunFailure(what, failure.get());
    }

    /** A Prometheus exposition of the gateway or of another service on this machine (the processor's). */
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
                .completeOnTimeout(null, 10, TimeUnit.SECONDS)
                .join();
        connections.forEach(WsConnection::abort);
    }

    @Override
    public void close() {
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
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
