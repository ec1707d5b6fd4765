package dev.gavel.events.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON schema documents of one version of the contract, by file name, as they reference each other
 * ({@code common.json#/definitions/UserRef}, {@code #/definitions/BidPlaced}). Immutable: {@link #with} returns a
 * changed copy, which is how tests describe a change to the contract.
 */
public final class SchemaSet {

    /** Where the current schemas are on the classpath (auction-events/src/main/resources/schemas). */
    public static final String CURRENT = "schemas/";

    /** Where the schemas of the released major version 1 are kept (auction-events/src/test/resources). */
    public static final String RELEASED_V1 = "schemas-released/v1/";

    /** The documents of the contract: one per topic with a schema, and their shared definitions (the shows' came later). */
    public static final List<String> FILES = List.of(
            "common.json",
            "auction-command.json",
            "auction-event.json",
            "auction-view.json",
            "bidder-notice.json",
            "show-stats.json",
            "show-command.json",
            "show-event.json",
            "show-notice.json",
            "show-view.json",
            "show-viewers.json");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final String folder;
    private final Map<String, JsonNode> documents;

    private SchemaSet(String folder, Map<String, JsonNode> documents) {
        this.folder = folder;
        this.documents = Map.copyOf(documents);
    }

    /** Reads {@link #FILES} from a classpath folder such as {@link #CURRENT}. */
    public static SchemaSet load(String folder) {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String file : FILES) {
            try (InputStream in = SchemaSet.class.getClassLoader().getResourceAsStream(folder + file)) {
                if (in != null) {
                    documents.put(file, MAPPER.readTree(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("no schemas on the classpath under " + folder);
        }
        return new SchemaSet(folder, documents);
    }

    /** The classpath folder the documents came from. */
    public String folder() {
        return folder;
    }

    public Set<String> files() {
        return documents.keySet();
    }

    public JsonNode document(String file) {
        JsonNode document = documents.get(file);
        if (document == null) {
            throw new IllegalArgumentException("no schema " + file + " in " + folder);
        }
        return document;
    }

    public boolean has(String file) {
        return documents.containsKey(file);
    }

    /** A copy in which {@code change} was applied to a copy of {@code file}. */
    public SchemaSet with(String file, Consumer<ObjectNode> change) {
        Map<String, JsonNode> changed = new LinkedHashMap<>(documents);
        ObjectNode copy = (ObjectNode) document(file).deepCopy();
        change.accept(copy);
        changed.put(file, copy);
        return new SchemaSet(folder, changed);
    }

    /** A copy without {@code file}. */
    public SchemaSet without(String file) {
        Map<String, JsonNode> changed = new LinkedHashMap<>(documents);
        changed.remove(file);
        return new SchemaSet(folder, changed);
    }

    /** The shape of the message {@code file} describes, with every reference followed. */
    public Shape shape(String file) {
        return Shape.of(this, file, document(file));
    }
}
