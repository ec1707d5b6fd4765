package dev.gavel.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The example messages of docs/topics.md: one per message type, each valid against its schema. */
class TopicsDocumentationTest {

    /** A block of the page: {@code ```jsonc}, then {@code // topic: type}, then the message. */
    private static final Pattern EXAMPLE =
            Pattern.compile("```jsonc\\n// ([a-z-]+)(?:: ([a-z-]+))?\\n(.*?)```", Pattern.DOTALL);

    private record Example(String topic, String type, JsonNode message) {}

    private static final List<Example> EXAMPLES = new ArrayList<>();

    @BeforeAll
    static void readThePage() throws IOException {
        // Tests run in the module's folder.
        String page = Files.readString(Path.of("..", "docs", "topics.md"));
        Matcher block = EXAMPLE.matcher(page);
        JsonMapper mapper = JsonMapper.builder().build();
        while (block.find()) {
            EXAMPLES.add(new Example(block.group(1), block.group(2), mapper.readTree(block.group(3))));
        }
    }

    @Test
    void everyExampleMatchesTheSchemaOfItsTopicAndIsTheTypeItSays() {
        ContractSchemas schemas = ContractSchemas.current();
        for (Example example : EXAMPLES) {
            String file = ContractSchemas.SCHEMA_OF_TOPIC.get(example.topic());
            assertThat(file).as("a topic with a schema: %s", example.topic()).isNotNull();
            assertThat(schemas.problems(file, example.message()))
                    .as("%s %s", example.topic(), example.type())
                    .isEmpty();
            if (example.type() != null) {
                assertThat(example.message().path("type").asString()).isEqualTo(example.type());
            }
        }
    }

    @Test
    void everyMessageTypeOfEveryTopicHasAnExample() {
        SchemaSet current = SchemaSet.load(SchemaSet.CURRENT);
        Set<String> expected = new TreeSet<>();
        ContractSchemas.SCHEMA_OF_TOPIC.forEach((topic, file) -> {
            Shape shape = current.shape(file);
            if (shape.variants() == null) {
                expected.add(topic);
            } else {
                shape.variants().keySet().forEach(type -> expected.add(topic + ": " + type));
            }
        });

        Set<String> documented = new TreeSet<>();
        EXAMPLES.forEach(example ->
                documented.add(example.type() == null ? example.topic() : example.topic() + ": " + example.type()));

        assertThat(documented).isEqualTo(expected).contains(Topics.AUCTION_STATE);
    }
}
