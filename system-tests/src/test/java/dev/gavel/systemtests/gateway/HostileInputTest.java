package dev.gavel.systemtests.gateway;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.message;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand;
import dev.gavel.systemtests.support.CommandLog;
import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Messages;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.WsClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The abuse catalogue: every hostile input gets its expected answer, the connection stays usable, no command is
 * produced unless the processor must judge it, and the auction it aims at does not change. docs/reliability.md lists
 * the same catalogue.
 */
class HostileInputTest {

    private final Scenario scenario = new Scenario(GavelStack.shared());

    @AfterEach
    void close() {
        scenario.close();
    }

    /** Who sends the hostile input. */
    enum Actor {
        STRANGER,
        SELLER
    }

    /**
     * One row of the catalogue.
     *
     * @param setup what the attacker does before (on the target auction) to make the attack possible
     * @param input the hostile frame for the target auction id
     * @param reply the expected reply type and code (or reason)
     * @param judgedByProcessor true when the input is well-formed and only the processor can refuse it, so one
     *     command is produced
     */
    record Hostile(
            String name,
            Actor actor,
            BiConsumer<Scenario, Attack> setup,
            Function<String, Frame> input,
            String replyType,
            String code,
            boolean judgedByProcessor) {

        @Override
        public String toString() {
            return name;
        }
    }

    record Frame(String text, byte[] binary) {
        static Frame text(String text) {
            return new Frame(text, null);
        }

        static Frame json(Messages.Builder message) {
            return text(message.json());
        }
    }

    record Attack(WsClient client, String auctionId) {}

    private static Hostile invalid(String name, Function<String, Frame> input) {
        return new Hostile(name, Actor.STRANGER, (s, a) -> {}, input, "error", "INVALID_MESSAGE", false);
    }

    private static Hostile badAmount(String name, String amountJson) {
        return new Hostile(
                name,
                Actor.STRANGER,
                (s, a) -> {},
                id -> Frame.text("{\"type\":\"place-bid\",\"requestId\":\"h\",\"auctionId\":\"" + id + "\",\"amount\":"
                        + amountJson + "}"),
                "bid-rejected",
                "INVALID_AMOUNT",
                false);
    }

    static Stream<Hostile> catalogue() {
        return Stream.of(
                invalid("not JSON", id -> Frame.text("hello")),
                invalid("a JSON array", id -> Frame.text("[1,2,3]")),
                invalid("binary frame", id -> new Frame(null, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8))),
                new Hostile(
                        "oversized frame",
                        Actor.STRANGER,
                        (s, a) -> {},
                        id -> Frame.json(createAuction().with("description", "x".repeat(9_000))),
                        "error",
                        "MESSAGE_TOO_LARGE",
                        false),
                invalid(
                        "deep nesting",
                        id -> Frame.text("{\"type\":\"ping\",\"requestId\":{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}}")),
                invalid(
                        "a number too long to read",
                        id -> Frame.text("{\"type\":\"place-bid\",\"auctionId\":\"" + id + "\",\"amount\":"
                                + "9".repeat(60) + "}")),
                badAmount("a huge exponent", "1e400"),
                new Hostile(
                        "a title too long",
                        Actor.STRANGER,
                        (s, a) -> {},
                        id -> Frame.json(createAuction().with("title", "t".repeat(201))),
                        "error",
                        "INVALID_AUCTION",
                        false),
                invalid(
                        "duplicate keys",
                        id -> Frame.text(
                                "{\"type\":\"place-bid\",\"auctionId\":\"" + id + "\",\"amount\":150,\"amount\":1}")),
                invalid("wrong type", id -> Frame.json(placeBid(id, true))),
                invalid("a number as a string", id -> Frame.json(placeBid(id, "150"))),
                invalid(
                        "NaN",
                        id -> Frame.text("{\"type\":\"place-bid\",\"auctionId\":\"" + id + "\",\"amount\":NaN}")),
                invalid(
                        "Infinity",
                        id -> Frame.text("{\"type\":\"place-bid\",\"auctionId\":\"" + id + "\",\"amount\":Infinity}")),
                badAmount("negative amount", "-150"),
                badAmount("zero amount", "0"),
                badAmount("more than 2 decimals", "150.001"),
                badAmount("above the maximum", "1000000000.01"),
                badAmount("beyond a long", "9223372036854775808"),
                new Hostile(
                        "unknown auction",
                        Actor.STRANGER,
                        (s, a) -> {},
                        id -> Frame.json(placeBid("no-such-" + id, 150)),
                        "bid-rejected",
                        "AUCTION_NOT_FOUND",
                        true),
                new Hostile(
                        "ended auction",
                        Actor.SELLER,
                        (s, a) ->
                                s.request(a.client(), message("cancel-auction").with("auctionId", a.auctionId())),
                        id -> Frame.json(message("buy-now").with("auctionId", id)),
                        "bid-rejected",
                        "AUCTION_ENDED",
                        true),
                new Hostile(
                        "duplicate bid id for a different bid",
                        Actor.STRANGER,
                        (s, a) -> s.request(
                                a.client(), placeBid(a.auctionId(), 150).with("bidId", "same")),
                        id -> Frame.json(placeBid(id, 400).with("bidId", "same")),
                        "bid-rejected",
                        "DUPLICATE_COMMAND_ID",
                        true),
                new Hostile(
                        "seller bidding",
                        Actor.SELLER,
                        (s, a) -> {},
                        id -> Frame.json(placeBid(id, 150)),
                        "bid-rejected",
                        "SELF_BID",
                        true),
                invalid(
                        "identity field: bidder",
                        id -> Frame.json(placeBid(id, 150).with("bidder", Map.of("id", "victim", "name", "victim")))),
                invalid(
                        "identity field: seller",
                        id -> Frame.json(createAuction().with("seller", Map.of("id", "victim", "name", "victim")))),
                invalid("trailing data", id -> Frame.text("{\"type\":\"ping\"} {\"type\":\"ping\"}")),
                invalid("unknown type", id -> Frame.text("{\"type\":\"drop-tables\"}")),
                invalid("missing type", id -> Frame.text("{\"auctionId\":\"" + id + "\"}")),
                invalid("unknown field", id -> Frame.json(placeBid(id, 150).with("discount", 50))),
                invalid("auction id with path characters", id -> Frame.json(placeBid("../../" + id, 150))),
                invalid("request id too long", id -> Frame.json(message("ping").with("requestId", "r".repeat(65)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void hostileInputGetsItsAnswerAndChangesNothing(Hostile hostile) {
        User seller = scenario.user("sam");
        WsClient sellers = scenario.connect(seller);
        User stranger = scenario.user("mallory");
        WsClient strangers = scenario.connect(stranger);
        String auctionId = scenario.open(sellers, createAuction());
        User actor = hostile.actor() == Actor.SELLER ? seller : stranger;
        WsClient client = hostile.actor() == Actor.SELLER ? sellers : strangers;
        hostile.setup().accept(scenario, new Attack(client, auctionId));
        CommandLog log = CommandLog.mark(scenario.stack().bootstrapServers());
        JsonNode before = auction(auctionId);
        int received = client.received().size();

        send(client, hostile.input().apply(auctionId));

        JsonNode reply = client.await(
                "the answer to " + hostile.name(),
                m -> client.received().indexOf(m) >= received
                        && (m.path("type").asString().equals("error")
                                || m.path("type").asString().startsWith("bid-")));
        assertThat(reply.path("type").asString()).isEqualTo(hostile.replyType());
        String code = reply.has("reason")
                ? reply.path("reason").asString()
                : reply.path("code").asString();
        assertThat(code).isEqualTo(hostile.code());
        assertThat(reply.path("message").asString()).isNotBlank();
        String sentinel = "sentinel-" + UUID.randomUUID();
        assertThat(scenario.request(client, placeBid(sentinel, 1))
                        .path("reason")
                        .asString())
                .as("the connection stays usable")
                .isEqualTo("AUCTION_NOT_FOUND");
        List<String> produced = log.appendedBy(actor.id()).stream()
                .map(AuctionCommand::auctionId)
                .toList();
        assertThat(produced)
                .as("commands produced")
                .hasSize(hostile.judgedByProcessor() ? 2 : 1)
                .contains(sentinel);
        assertThat(auction(auctionId)).as("the auction is unchanged").isEqualTo(before);
    }

    private JsonNode auction(String auctionId) {
        return scenario.stack().http().get("/api/auctions/" + auctionId, null).json();
    }

    private static void send(WsClient client, Frame frame) {
        if (frame.binary() != null) {
            client.sendBinary(frame.binary());
        } else {
            client.send(frame.text());
        }
    }
}
