package dev.gavel.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket protocol is a public contract: clients are written from docs/protocol.md and docs/asyncapi.yaml, so
 * a message type the gateway reads or writes must be in both.
 */
class ProtocolDocumentationTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void everyServerMessageIsDocumented() throws IOException {
        assertDocumented(typesOf(ServerMessage.class));
    }

    @Test
    void everyClientMessageIsDocumented() throws IOException {
        assertDocumented(typesOf(ClientMessage.class));
    }

    private static void assertDocumented(List<String> types) throws IOException {
        String protocol = Files.readString(DOCS.resolve("protocol.md"));
        Set<String> asyncApiNames = messageNames(Files.readString(DOCS.resolve("asyncapi.yaml")));

        assertThat(types).isNotEmpty().allSatisfy(type -> {
            assertThat(protocol).as("docs/protocol.md names " + type).contains("`" + type + "`");
            assertThat(asyncApiNames)
                    .as("docs/asyncapi.yaml has a message named " + type)
                    .contains(type);
        });
    }

    /** The {@code type} of every message of a sealed protocol interface, from its Jackson subtypes. */
    private static List<String> typesOf(Class<?> protocol) {
        return Arrays.stream(protocol.getAnnotation(JsonSubTypes.class).value())
                .map(subtype ->
                        subtype.value().getAnnotation(JsonTypeName.class).value())
                .toList();
    }

    private static Set<String> messageNames(String asyncApi) {
        Matcher names = Pattern.compile("^ +name: (\\S+)$", Pattern.MULTILINE).matcher(asyncApi);
        return names.results().map(match -> match.group(1)).collect(Collectors.toSet());
    }
}
