package dev.gavel.systemtests.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.TopicSettings;
import dev.gavel.events.Topics;
import dev.gavel.systemtests.support.AclTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.internals.SecurityUtils;
import org.junit.jupiter.api.Test;

/** What docs/operations.md (Securing Kafka) and ops/kafka/acls.sh say is what the table and the contract say. */
class SecuringKafkaDocumentationTest {

    private static final AclTable ACLS = AclTable.read();

    private static String page() throws IOException {
        // Tests run in the module's folder.
        return Files.readString(Path.of("..", "docs", "operations.md"));
    }

    @Test
    void theDocumentedAclsAreThoseOfTheTable() throws IOException {
        assertThat(page()).contains(ACLS.markdown());
    }

    @Test
    void theDocumentedTopicsAreCreatedAsTheServicesWouldCreateThem() throws IOException {
        String page = page();
        List<NewTopic> topics = List.of(new TopicSettings(6, (short) 3, Duration.ofDays(7)).newTopics());

        for (NewTopic topic : topics) {
            StringBuilder command = new StringBuilder("kafka-topics.sh --bootstrap-server \"$BROKER\" --command-config"
                    + " admin.properties --create --topic " + topic.name() + " --partitions 6 --replication-factor 3");
            new TreeMap<>(topic.configs())
                    .forEach((key, value) ->
                            command.append(" --config ").append(key).append('=').append(value));
            assertThat(page).contains(command + "\n");
        }
        assertThat(Pattern.compile("--create --topic ").splitAsStream(page).count() - 1)
                .isEqualTo(Topics.ALL.size());
    }

    @Test
    void theScriptGrantsExactlyTheAclsOfTheTable() throws Exception {
        Process print = new ProcessBuilder(
                        "bash", Path.of("..", "ops", "kafka", "acls.sh").toString(), "--print")
                .redirectErrorStream(true)
                .start();
        String output = new String(print.getInputStream().readAllBytes());
        assertThat(print.waitFor()).as(output).isZero();

        List<AclBinding> granted = new ArrayList<>();
        output.lines().forEach(line -> granted.addAll(bindings(line.trim().split(" +"))));

        assertThat(granted).containsExactlyInAnyOrderElementsOf(ACLS.bindings());
    }

    private static final Map<String, ResourceType> RESOURCE_OPTIONS = Map.of(
            "--topic", ResourceType.TOPIC,
            "--group", ResourceType.GROUP,
            "--transactional-id", ResourceType.TRANSACTIONAL_ID);

    /** A kafka-acls.sh command line read as kafka-acls.sh reads it. */
    private static List<AclBinding> bindings(String[] words) {
        String principal = null;
        ResourceType type = null;
        String name = null;
        PatternType pattern = PatternType.LITERAL;
        List<String> operations = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            String option = words[i];
            if (option.equals("--allow-principal")) {
                principal = words[++i];
            } else if (RESOURCE_OPTIONS.containsKey(option)) {
                type = RESOURCE_OPTIONS.get(option);
                name = words[++i];
            } else if (option.equals("--resource-pattern-type")) {
                pattern = PatternType.fromString(words[++i].toUpperCase(Locale.ROOT));
            } else if (option.equals("--operation")) {
                operations.add(words[++i]);
            }
        }
        ResourcePattern resource = new ResourcePattern(type, name, pattern);
        String grantee = principal;
        return operations.stream()
                .map(operation -> new AclBinding(
                        resource,
                        new AccessControlEntry(
                                grantee, "*", SecurityUtils.operation(operation), AclPermissionType.ALLOW)))
                .toList();
    }
}
