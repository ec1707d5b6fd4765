package dev.gavel.systemtests.support;

import static dev.gavel.systemtests.support.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A host running a show over the WebSocket, as the web page does: every command must be accepted. */
public final class ShowHost {

    private final Scenario scenario;
    private final WsClient host;
    private final String showId;

    private ShowHost(Scenario scenario, WsClient host, String showId) {
        this.scenario = scenario;
        this.host = host;
        this.showId = showId;
    }

    /** Announces a show starting in a minute. */
    public static ShowHost announce(Scenario scenario, WsClient host, String title) {
        JsonNode created = scenario.request(
                host,
                message("create-show")
                        .with("title", title)
                        .with("scheduledStart", System.currentTimeMillis() + 60_000));
        return new ShowHost(scenario, host, accepted(created).path("showId").asString());
    }

    public String showId() {
        return showId;
    }

    /** Adds a lot and returns its number. */
    public int addLot(String title, int startingPrice, Integer reservePrice, Integer buyNowPrice) {
        JsonNode added = act(message("add-lot")
                .with("title", title)
                .with("startingPrice", startingPrice)
                .with("reservePrice", reservePrice)
                .with("buyNowPrice", buyNowPrice));
        return added.path("lotNo").asInt();
    }

    public JsonNode start() {
        return act(message("start-show"));
    }

    /** Runs a lot for {@code duration} and returns the auction of that run. */
    public String run(int lotNo, Duration duration) {
        JsonNode accepted = act(message("run-lot").with("lotNo", lotNo).with("durationMs", duration.toMillis()));
        return accepted.path("show").path("currentAuctionId").asString();
    }

    public JsonNode end() {
        return act(message("end-show"));
    }

    /** Sends a show command of this show as the host and returns its reply, whatever it is. */
    public JsonNode request(Messages.Builder command) {
        return scenario.request(host, command.with("showId", showId));
    }

    private JsonNode act(Messages.Builder command) {
        return accepted(request(command));
    }

    private static JsonNode accepted(JsonNode reply) {
        assertThat(reply.path("type").asString())
                .as("a host's command: %s", reply)
                .isEqualTo("show-accepted");
        return reply;
    }
}
