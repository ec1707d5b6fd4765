package dev.gavel.systemtests.gateway;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Messages.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Http;
import dev.gavel.systemtests.support.Json;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.Tokens;
import dev.gavel.systemtests.support.WsClient;
import dev.gavel.systemtests.support.WsClient.HandshakeRefused;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of bad token is refused before the WebSocket upgrade (HTTP 401), and identity can only come from a
 * valid token. The gateway under test verifies HS256 with a shared secret, an issuer and an audience.
 */
class TokenAttacksTest {

    private static final GavelStack STACK = GavelStack.shared();
    private static final String SECRET = GavelStack.JWT_SECRET;

    private final Scenario scenario = new Scenario(STACK);

    @AfterEach
    void close() {
        scenario.close();
    }

    private static JWTClaimsSet.Builder valid(String name) {
        return Tokens.claims(name).issuer(GavelStack.ISSUER).audience(GavelStack.AUDIENCE);
    }

    static Stream<Arguments> badTokens() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("forged signature", (Supplier<String>) () -> Tokens.hs256(
                        "another-secret-that-is-long-enough-for-hs256",
                        valid("eve").build())),
                Arguments.of("alg=none", (Supplier<String>)
                        () -> Tokens.none(valid("eve").build())),
                Arguments.of("RS256 where HS256 is expected", (Supplier<String>)
                        () -> Tokens.rs256(valid("eve").build())),
                Arguments.of("expired", (Supplier<String>) () -> Tokens.hs256(
                        SECRET,
                        valid("eve")
                                .expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))
                                .build())),
                Arguments.of("not yet valid", (Supplier<String>) () -> Tokens.hs256(
                        SECRET,
                        valid("eve")
                                .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5))))
                                .build())),
                Arguments.of("wrong issuer", (Supplier<String>) () -> Tokens.hs256(
                        SECRET, valid("eve").issuer("https://evil.example").build())),
                Arguments.of("wrong audience", (Supplier<String>) () -> Tokens.hs256(
                        SECRET, valid("eve").audience("someone-else").build())),
                Arguments.of("no expiry", (Supplier<String>) () ->
                        Tokens.hs256(SECRET, valid("eve").expirationTime(null).build())),
                Arguments.of("no subject", (Supplier<String>)
                        () -> Tokens.hs256(SECRET, valid("eve").subject(null).build())),
                Arguments.of("malformed", (Supplier<String>) () -> "eyJhbGciOiJIUzI1NiJ9.not-json.sig"),
                Arguments.of("garbage", (Supplier<String>) () -> "hello"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedWith401(String kind, Supplier<String> token) {
        assertThatThrownBy(() -> WsClient.connect(STACK.webSocketUri(), token.get()))
                .isInstanceOfSatisfying(
                        HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedOnRestToo(String kind, Supplier<String> token) {
        Http.Response response = STACK.http().post("/api/auctions", token.get(), Json.write(Map.of("title", "x")));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aValidTokenFromTheIdentityProviderIsAccepted() {
        String token = Tokens.hs256(SECRET, valid("alice").build());

        try (WsClient client = WsClient.connect(STACK.webSocketUri(), token)) {
            JsonNode pong =
                    client.send("{\"type\":\"ping\",\"requestId\":\"p\"}").reply("p");
            assertThat(pong.path("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void theTokenCanBePassedAsAQueryParameterForBrowsers() {
        String token = Tokens.hs256(SECRET, valid("alice").build());
        URI uri = URI.create(STACK.webSocketUri() + "?access_token=" + token);

        try (WsClient client = WsClient.connect(uri, null)) {
            assertThat(client.send("{\"type\":\"ping\",\"requestId\":\"p\"}")
                            .reply("p")
                            .path("type")
                            .asString())
                    .isEqualTo("pong");
        }
    }

    @Test
    void aCrossOriginHandshakeIsRefused() {
        String token = Tokens.hs256(SECRET, valid("alice").build());

        Throwable refused = handshakeFrom("http://evil.example", token);

        assertThat(refused).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refused).getResponse().statusCode())
                .isEqualTo(403);
    }

    @Test
    void identityFieldsInAMessageAreRefused() {
        WsClient seller = scenario.connect("sam");
        WsClient mallory = scenario.connect("mallory");
        String auctionId = scenario.open(seller, createAuction());

        JsonNode reply = scenario.request(
                mallory, placeBid(auctionId, 100).with("bidder", Map.of("id", "someone-else", "name", "victim")));

        assertThat(reply.path("type").asString()).isEqualTo("error");
        assertThat(reply.path("code").asString()).isEqualTo("INVALID_MESSAGE");
        assertThat(reply.path("message").asString()).contains("bidder");
    }

    @Test
    void aSessionOutlivingItsTokenCanWatchButNotBid() {
        WsClient seller = scenario.connect("sam");
        String auctionId = scenario.open(seller, createAuction());
        Instant expiry = Instant.now().plusSeconds(3);
        String shortLived = Tokens.hs256(
                SECRET, valid("bob").expirationTime(Date.from(expiry)).build());
        WsClient bidder = WsClient.connect(STACK.webSocketUri(), shortLived);
        Awaitility.await("the token to expire")
                .atMost(Duration.ofSeconds(10))
                .until(() -> Instant.now().isAfter(expiry.plusMillis(100)));

        JsonNode bid = scenario.request(bidder, placeBid(auctionId, 100));
        JsonNode snapshot = scenario.request(bidder, subscribe(auctionId));

        assertThat(bid.path("type").asString()).isEqualTo("error");
        assertThat(bid.path("code").asString()).isEqualTo("TOKEN_EXPIRED");
        assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
        bidder.close();
    }

    private static Throwable handshakeFrom(String origin, String token) {
        try {
            HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .header("Origin", origin)
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(STACK.webSocketUri(), new WebSocket.Listener() {})
                    .join()
                    .abort();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void aSameOriginBrowserHandshakeIsAccepted() {
        String token = Tokens.hs256(SECRET, valid("alice").build());

        assertThat(handshakeFrom(STACK.httpBase().toString(), token)).isNull();
        assertThat(List.of(STACK.httpBase().getHost())).containsExactly("127.0.0.1");
    }
}
