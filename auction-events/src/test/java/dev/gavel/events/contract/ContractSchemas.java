package dev.gavel.events.contract;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gavel.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates messages against the contract's JSON schemas (draft-07, by networknt's validator), and also rejects
 * fields no schema declares: readers ignore unknown fields, but a field a producer writes must be documented.
 */
public final class ContractSchemas {

    /** The schema of the values of each topic; the values of the dead-letter topic are opaque bytes. */
    public static final Map<String, String> SCHEMA_OF_TOPIC = Map.ofEntries(
            Map.entry(Topics.AUCTION_COMMANDS, "auction-command.json"),
            Map.entry(Topics.AUCTION_EVENTS, "auction-event.json"),
            Map.entry(Topics.BID_REJECTIONS, "bidder-notice.json"),
            Map.entry(Topics.AUCTION_STATE, "auction-view.json"),
            Map.entry(Topics.SHOW_STATS, "show-stats.json"),
            Map.entry(Topics.SHOW_COMMANDS, "show-command.json"),
            Map.entry(Topics.SHOW_EVENTS, "show-event.json"),
            Map.entry(Topics.SHOW_NOTICES, "show-notice.json"),
            Map.entry(Topics.SHOW_STATE, "show-view.json"),
            Map.entry(Topics.SHOW_VIEWERS, "show-viewers.json"));

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final String folder;
    private final SchemaSet documents;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private ContractSchemas(String folder) {
        this.folder = folder;
        this.documents = SchemaSet.load(folder);
    }

    /** The schemas of auction-events' main resources, as the build ships them. */
    public static ContractSchemas current() {
        return new ContractSchemas(SchemaSet.CURRENT);
    }

    /** Every way {@code json} breaks the schema {@code file}; empty if it is a valid message. */
    public List<String> problems(String file, JsonNode json) {
        Schema schema = schemas.computeIfAbsent(
                file, name -> registry.getSchema(SchemaLocation.of("classpath:" + folder + name)));
        List<String> problems = new ArrayList<>();
        schema.validate(json).forEach(error -> problems.add(error.toString()));
        problems.addAll(documents.shape(file).undeclaredFields(json, "$").stream()
                .map(field -> field + ": not declared in " + file)
                .toList());
        return problems;
    }

    public List<String> problems(String file, byte[] json) {
        return problems(file, MAPPER.readTree(json));
    }

    /** The problems of a record value of {@code topic}. */
    public List<String> problemsOfTopic(String topic, byte[] value) {
        String file = SCHEMA_OF_TOPIC.get(topic);
        if (file == null) {
            throw new IllegalArgumentException("topic " + topic + " has no schema");
        }
        return problems(file, value);
    }
}
