package dev.gavel.gateway.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the text frames the gateway writes, to assert on their fields. */
public final class Frames {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Frames() {}

    public static JsonNode read(String frame) {
        return MAPPER.readTree(frame);
    }

    /**
     * {@code type}, and {@code seq} when the frame carries one: {@code bid-updated#3}, {@code snapshot#1}; for several
     * events in one frame, the seqs they span: {@code events#3-5}.
     */
    public static String describe(String frame) {
        JsonNode node = read(frame);
        String type = node.path("type").asString();
        if (type.equals("events")) {
            JsonNode events = node.path("events");
            return type + "#" + events.get(0).path("seq").asLong() + "-"
                    + events.get(events.size() - 1).path("seq").asLong();
        }
        JsonNode seq = node.has("seq") ? node.get("seq") : node.path("auction").path("seq");
        return seq.isMissingNode() ? type : type + "#" + seq.asLong();
    }
}
