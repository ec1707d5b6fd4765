package dev.gavel.systemtests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Users and connections of one test, closed together. */
public final class Scenario implements AutoCloseable {

    private final GavelStack stack;
    private final List<WsClient> clients = new ArrayList<>();

    public Scenario(GavelStack stack) {
        this.stack = stack;
    }

    public GavelStack stack() {
        return stack;
    }

    public Users.User user(String name, String... roles) {
        return stack.signIn(name, roles);
    }

    public WsClient connect(Users.User user) {
        WsClient client = stack.connect(user);
        clients.add(client);
        return client;
    }

    public WsClient connect(String name) {
        return connect(user(name));
    }

    /** Creates an auction from {@code seller} and returns its id. */
    public String open(WsClient seller, Messages.Builder create) {
        seller.send(create.json());
        JsonNode created = seller.reply(create.requestId());
        assertThat(created.path("type").asString())
                .as("reply to create: %s", created)
                .isEqualTo("auction-created");
        return created.path("auction").path("id").asString();
    }

    public JsonNode request(WsClient client, Messages.Builder message) {
        client.send(message.json());
        return client.reply(message.requestId());
    }

    @Override
    public void close() {
        clients.forEach(WsClient::close);
    }
}
