package dev.gavel.systemtests.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Http;
import dev.gavel.systemtests.support.Json;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The REST API: same validation and outcomes as the WebSocket, errors as RFC 9457 problem details. */
class RestApiTest {

    private final GavelStack stack = GavelStack.shared();
    private final Http http = stack.http();
    private final User seller = stack.signIn("sam");
    private final User bidder = stack.signIn("bob");

    private String create(Map<String, Object> body) {
        Http.Response created = http.post("/api/auctions", seller.token(), Json.write(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("auction").path("id").asString();
    }

    private static final String END = Json.write(Map.of("action", "end"));

    private static Map<String, Object> auction(long durationMs) {
        return Map.of("title", "Vintage Camera", "startingPrice", 100, "durationMs", durationMs);
    }

    @Test
    void createdAuctionIsReturnedWithItsLocation() {
        Http.Response created = http.post("/api/auctions", seller.token(), Json.write(auction(60_000)));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("auction").path("id").asString();
        JsonNode fetched = http.get("/api/auctions/" + id, null).json();
        assertThat(fetched.path("title").asString()).isEqualTo("Vintage Camera");
        assertThat(fetched.path("seller").path("id").asString()).isEqualTo(seller.id());
    }

    @Test
    void openAuctionsAreListedEndingSoonestFirst() {
        create(auction(3_600_000));
        create(auction(60_000));

        JsonNode page = http.get("/api/auctions?size=100", null).json();

        List<Long> endsAt = new ArrayList<>();
        page.path("items").forEach(item -> endsAt.add(item.path("endsAt").asLong()));
        assertThat(endsAt).hasSizeGreaterThanOrEqualTo(2).isSorted();
        assertThat(page.path("items"))
                .allMatch(item -> item.path("status").asString().equals("OPEN"));
    }

    @Test
    void pagesHoldAtMostTheirSize() {
        create(auction(60_000));
        create(auction(60_000));

        JsonNode page = http.get("/api/auctions?page=1&size=1", null).json();

        assertThat(page.path("items").size()).isEqualTo(1);
        assertThat(page.path("totalItems").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(page.path("page").asInt()).isEqualTo(1);
    }

    @Test
    void aBadPageIsAProblem() {
        Http.Response response = http.get("/api/auctions?size=1000", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("INVALID_MESSAGE");
    }

    @Test
    void anUnknownAuctionIsANotFoundProblem() {
        Http.Response response = http.get("/api/auctions/no-such-auction", null);

        assertThat(response.status()).isEqualTo(404);
        JsonNode problem = response.json();
        assertThat(problem.path("type").asString()).isEqualTo("urn:gavel:problem:auction-not-found");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("code").asString()).isEqualTo("AUCTION_NOT_FOUND");
    }

    @Test
    void aBidRepliesWithTheDecision() {
        String id = create(auction(60_000));

        Http.Response response =
                http.post("/api/auctions/" + id + "/bids", bidder.token(), Json.write(Map.of("amount", 150)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("type").asString()).isEqualTo("bid-accepted");
        assertThat(response.json().path("leading").asBoolean()).isTrue();
        assertThat(http.get("/api/auctions/" + id, null)
                        .json()
                        .path("currentBid")
                        .decimalValue())
                .isEqualByComparingTo("150");
    }

    @Test
    void aRejectedBidIsAConflictProblemWithTheMinimum() {
        String id = create(auction(60_000));

        Http.Response response =
                http.post("/api/auctions/" + id + "/bids", bidder.token(), Json.write(Map.of("amount", 50)));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("code").asString()).isEqualTo("BID_TOO_LOW");
        assertThat(response.json().path("minimumBid").decimalValue()).isEqualByComparingTo("100");
    }

    @Test
    void anInvalidAmountIsABadRequest() {
        String id = create(auction(60_000));

        Http.Response response =
                http.post("/api/auctions/" + id + "/bids", bidder.token(), Json.write(Map.of("amount", 1.001)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("INVALID_AMOUNT");
    }

    @Test
    void aMalformedBodyIsABadRequest() {
        Http.Response response = http.post("/api/auctions", seller.token(), "{\"title\":\"x\",\"title\":\"y\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("INVALID_MESSAGE");
    }

    @Test
    void anInvalidAuctionIsABadRequest() {
        Http.Response response = http.post(
                "/api/auctions",
                seller.token(),
                Json.write(Map.of("title", "x", "startingPrice", 100, "durationMs", 1_000)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("INVALID_AUCTION");
        assertThat(response.json().path("detail").asString()).contains("durationMs");
    }

    @Test
    void moderationNeedsAModeratingRoleInTheToken() {
        String id = create(auction(60_000));

        Http.Response refused = http.post("/api/auctions/" + id + "/moderation", bidder.token(), END);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(http.get("/api/auctions/" + id, null).json().path("status").asString())
                .isEqualTo("OPEN");
    }

    @Test
    void aModeratorEndsARunningAuctionThroughTheLog() {
        String id = create(auction(60_000));
        User moderator = stack.signIn("mia", "moderator");

        Http.Response ended = http.post("/api/auctions/" + id + "/moderation", moderator.token(), END);

        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.json().path("type").asString()).isEqualTo("moderated");
        Waits.until(
                id + " has ended",
                () -> "UNSOLD"
                        .equals(http.get("/api/auctions/" + id, null)
                                .json()
                                .path("outcome")
                                .asString()));
    }

    @Test
    void commandsNeedAToken() {
        assertThat(http.post("/api/auctions", null, Json.write(auction(60_000))).status())
                .isEqualTo(401);
    }
}
