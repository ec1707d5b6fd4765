package dev.gavel.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A plain HTTP client for the gateway's REST API, the services' probes and the gateway's management port. */
public final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public Http(URI base) {
        this.base = base;
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            return Json.parse(body);
        }
    }

    public Response get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public Response post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** Ready, by the readiness probe every service serves on its own port. */
    public boolean isHealthy() {
        Response health = get("/readyz", null);
        return health.status() == 200 && health.body().contains("\"status\":\"UP\"");
    }

    /** A demo token for {@code name} granting {@code roles} ({@code seller}, {@code moderator}, {@code admin}). */
    public Users.User demoToken(String name, String... roles) {
        Response response = post("/api/demo/token", null, Json.write(Map.of("name", name, "roles", List.of(roles))));
        if (response.status() != 200) {
            throw new IllegalStateException("demo token for " + name + ": HTTP " + response.status());
        }
        JsonNode body = response.json();
        return new Users.User(
                body.path("user").path("id").asString(),
                body.path("user").path("name").asString(),
                body.path("token").asString());
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
