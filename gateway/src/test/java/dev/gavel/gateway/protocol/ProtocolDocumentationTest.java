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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket protocol is a public contract: clients are written from docs/protocol.md and docs/asyncapi.yaml, so
 * a message type the gateway reads or writes must be in both.
 */
class ProtocolDocumentationTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void everyServerMessageIsInTheTableOfServerMessagesAndInTheAsyncApi() throws IOException {
        assertDocumented(
                typesOf(ServerMessage.class),
                named("## Server messages", "^\\| ([^|]+) \\|"),
                "the table of server messages in docs/protocol.md has ");
    }

    @Test
    void everyClientMessageHasASectionOfItsOwnAndIsInTheAsyncApi() throws IOException {
        assertDocumented(
                typesOf(ClientMessage.class),
                named("## Client messages", "^### (.+)$"),
                "a section of docs/protocol.md is headed ");
    }

    private static void assertDocumented(List<String> types, Set<String> inProtocol, String inProtocolIs)
            throws IOException {
        Set<String> described = asyncApiMessages();

        assertThat(types).isNotEmpty().allSatisfy(type -> {
            assertThat(inProtocol).as(inProtocolIs + type).contains(type);
            assertThat(described)
                    .as("docs/asyncapi.yaml has a message named " + type)
                    .contains(type);
        });
    }

    /** The backticked names in the lines of a section of docs/protocol.md that {@code line} matches (group 1). */
    private static Set<String> named(String heading, String line) throws IOException {
        return Pattern.compile(line, Pattern.MULTILINE)
                .matcher(section(protocol(), heading))
                .results()
                .flatMap(match -> backticked(match.group(1)))
                .collect(Collectors.toSet());
    }

    private static String protocol() throws IOException {
        return Files.readString(DOCS.resolve("protocol.md"));
    }

    /** From {@code heading} to the next heading of the same level. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as("docs/protocol.md has a section " + heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length() + 2);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static Stream<String> backticked(String text) {
        return Pattern.compile("`([^`]+)`").matcher(text).results().map(match -> match.group(1));
    }

    private static Set<String> asyncApiMessages() throws IOException {
        String asyncApi = Files.readString(DOCS.resolve("asyncapi.yaml"));
        return Pattern.compile("^ +name: (\\S+)$", Pattern.MULTILINE)
                .matcher(asyncApi)
                .results()
                .map(match -> match.group(1))
                .collect(Collectors.toSet());
    }

    /** The {@code type} of every message of a sealed protocol interface, from its Jackson subtypes. */
    private static List<String> typesOf(Class<?> protocol) {
        return Arrays.stream(protocol.getAnnotation(JsonSubTypes.class).value())
                .map(subtype ->
                        subtype.value().getAnnotation(JsonTypeName.class).value())
                .toList();
    }
}
