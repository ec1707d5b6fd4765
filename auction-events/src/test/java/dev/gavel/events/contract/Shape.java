package dev.gavel.events.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a schema (draft-07, the subset the contract uses) says a value looks like, with every {@code $ref} followed:
 * its JSON types, the properties of an object and which are required, the allowed values of an enumeration, the item
 * shape of an array, and, for a {@code oneOf} whose branches have a constant {@code type}, one shape per message type.
 * A nullable value ({@code anyOf} with {@code {"type":"null"}}) has the shape of its other branch plus the type null.
 *
 * @param enumValues null when any value of the types is allowed
 * @param variants null unless the value is one of several message types
 */
public record Shape(
        Set<String> types,
        Map<String, Shape> properties,
        Set<String> required,
        Set<String> enumValues,
        Map<String, Shape> variants,
        Shape items) {

    private static final String DISCRIMINATOR = "type";

    static Shape of(SchemaSet schemas, String file, JsonNode node) {
        return new Parser(schemas).parse(file, node);
    }

    /** The message type a constant {@code type} property pins this object to, or null. */
    String messageType() {
        Shape discriminator = properties.get(DISCRIMINATOR);
        return discriminator != null && discriminator.enumValues != null && discriminator.enumValues.size() == 1
                ? discriminator.enumValues.iterator().next()
                : null;
    }

    /** The properties of the value nobody declared: fields a producer writes without a schema saying so. */
    public List<String> undeclaredFields(JsonNode value, String path) {
        List<String> found = new ArrayList<>();
        collectUndeclared(value, path, found);
        return found;
    }

    private void collectUndeclared(JsonNode value, String path, List<String> found) {
        if (variants != null && value.isObject()) {
            Shape variant = variants.get(value.path(DISCRIMINATOR).asString(""));
            if (variant != null) {
                variant.collectUndeclared(value, path, found);
            }
            return;
        }
        if (value.isObject() && !properties.isEmpty()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                Shape declared = properties.get(field.getKey());
                if (declared == null) {
                    found.add(path + "." + field.getKey());
                } else {
                    declared.collectUndeclared(field.getValue(), path + "." + field.getKey(), found);
                }
            }
        } else if (value.isArray() && items != null) {
            for (int i = 0; i < value.size(); i++) {
                items.collectUndeclared(value.get(i), path + "[" + i + "]", found);
            }
        }
    }

    private static final class Parser {
        private final SchemaSet schemas;

        Parser(SchemaSet schemas) {
            this.schemas = schemas;
        }

        Shape parse(String file, JsonNode node) {
            if (node.has("$ref")) {
                String ref = node.get("$ref").asString();
                int hash = ref.indexOf('#');
                String target = hash == 0 ? file : hash < 0 ? ref : ref.substring(0, hash);
                JsonNode document = schemas.document(target);
                JsonNode resolved = hash < 0 ? document : document.at(ref.substring(hash + 1));
                if (resolved.isMissingNode()) {
                    throw new IllegalArgumentException("unresolvable $ref " + ref + " in " + file);
                }
                return parse(target, resolved);
            }
            Set<String> types = new LinkedHashSet<>();
            JsonNode type = node.path("type");
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asString()));
            } else if (type.isString()) {
                types.add(type.asString());
            }
            Set<String> enumValues = null;
            if (node.has("const")) {
                enumValues = Set.of(node.get("const").asString());
            } else if (node.has("enum")) {
                enumValues = new LinkedHashSet<>();
                for (JsonNode value : node.get("enum")) {
                    enumValues.add(value.isNull() ? "null" : value.asString());
                }
            }
            Map<String, Shape> properties = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
                properties.put(property.getKey(), parse(file, property.getValue()));
            }
            Set<String> required = new LinkedHashSet<>();
            node.path("required").forEach(name -> required.add(name.asString()));
            Shape items = node.has("items") ? parse(file, node.get("items")) : null;
            Shape shape = new Shape(types, properties, required, enumValues, null, items);
            if (node.has("oneOf")) {
                shape = shape.withBranches(parseAll(file, node.get("oneOf")));
            }
            if (node.has("anyOf")) {
                shape = shape.withBranches(parseAll(file, node.get("anyOf")));
            }
            return shape;
        }

        private List<Shape> parseAll(String file, JsonNode branches) {
            List<Shape> shapes = new ArrayList<>();
            branches.forEach(branch -> shapes.add(parse(file, branch)));
            return shapes;
        }
    }

    /**
     * This shape combined with alternatives: one variant per message type when every branch is one; otherwise the
     * union of their types, and the rest from the branch that is not just null.
     */
    private Shape withBranches(List<Shape> branches) {
        if (branches.stream().allMatch(branch -> branch.messageType() != null)) {
            Map<String, Shape> byType = new LinkedHashMap<>();
            branches.forEach(branch -> byType.put(branch.messageType(), branch));
            return new Shape(types, properties, required, enumValues, byType, items);
        }
        Set<String> allTypes = new LinkedHashSet<>(types);
        Shape merged = this;
        for (Shape branch : branches) {
            allTypes.addAll(branch.types);
            if (!branch.types.equals(Set.of("null"))) {
                merged = branch;
            }
        }
        return new Shape(
                allTypes, merged.properties, merged.required, merged.enumValues, merged.variants, merged.items);
    }
}
