package dev.gavel.events.contract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the schemas of a new version can replace those of a released one without a new major version. Readers of
 * the released version must read what the new version writes, and new readers must read what the topics retained
 * from the released version. So, per message type and per field, recursively:
 *
 * <ul>
 *   <li>no message type is removed, no field is removed (a rename is a removal);
 *   <li>no field changes its JSON types (nullability included);
 *   <li>the required fields stay the same: none dropped, none added (a new field is optional);
 *   <li>an enumeration only gains values;
 *   <li>new message types and new optional fields are fine.
 * </ul>
 */
public final class Compatibility {

    private Compatibility() {}

    /** Every incompatibility of {@code current} with {@code released}, in words; empty if compatible. */
    public static List<String> breakingChanges(SchemaSet released, SchemaSet current) {
        List<String> problems = new ArrayList<>();
        for (String file : released.files()) {
            if (!current.has(file)) {
                problems.add(file + " was removed");
            } else if (!file.equals("common.json")) {
                compare(released.shape(file), current.shape(file), file, problems);
            }
        }
        return problems;
    }

    private static void compare(Shape released, Shape current, String path, List<String> problems) {
        if (released.variants() != null) {
            Map<String, Shape> now = current.variants() == null ? Map.of() : current.variants();
            released.variants().forEach((type, shape) -> {
                if (!now.containsKey(type)) {
                    problems.add(path + ": message type '" + type + "' was removed");
                } else {
                    compare(shape, now.get(type), path + " " + type, problems);
                }
            });
            return;
        }
        if (!released.types().equals(current.types())) {
            problems.add(path + ": type changed from " + released.types() + " to " + current.types());
        }
        if (released.enumValues() != null) {
            if (current.enumValues() == null) {
                problems.add(path + ": is no longer limited to " + released.enumValues());
            } else {
                Set<String> removed = new LinkedHashSet<>(released.enumValues());
                removed.removeAll(current.enumValues());
                removed.forEach(value -> problems.add(path + ": value '" + value + "' was removed"));
            }
        } else if (current.enumValues() != null) {
            problems.add(path + ": is now limited to " + current.enumValues());
        }
        released.properties().forEach((name, shape) -> {
            Shape now = current.properties().get(name);
            if (now == null) {
                problems.add(path + ": field '" + name + "' was removed");
            } else {
                compare(shape, now, path + "." + name, problems);
                if (released.required().contains(name) && !current.required().contains(name)) {
                    problems.add(path + ": field '" + name + "' is no longer required");
                }
            }
        });
        current.required().stream()
                .filter(name -> !released.required().contains(name))
                .forEach(name -> problems.add(path + ": new required field '" + name + "'"));
        if (released.items() != null && current.items() != null) {
            compare(released.items(), current.items(), path + "[]", problems);
        }
    }
}
