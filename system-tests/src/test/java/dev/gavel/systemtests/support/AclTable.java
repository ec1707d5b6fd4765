package dev.gavel.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** The services' ACLs as ops/kafka/acls.tsv defines them (the table ops/kafka/acls.sh applies). */
public record AclTable(List<Row> rows) {

    /** Tests run in the module's folder. */
    public static final Path FILE = Path.of("..", "ops", "kafka", "acls.tsv");

    public record Row(
            String principal, String resourceType, String patternType, String name, String operations, String why) {

        List<AclBinding> bindings() {
            ResourcePattern resource = new ResourcePattern(
                    ResourceType.fromString(resourceType.replace('-', '_').toUpperCase(Locale.ROOT)),
                    name,
                    PatternType.fromString(patternType.toUpperCase(Locale.ROOT)));
            return Arrays.stream(operations.split(","))
                    .map(operation -> new AclBinding(
                            resource,
                            new AccessControlEntry(
                                    principal,
                                    "*",
                                    AclOperation.fromString(operation.toUpperCase(Locale.ROOT)),
                                    AclPermissionType.ALLOW)))
                    .toList();
        }
    }

    public static AclTable read() {
        try {
            return new AclTable(Files.readAllLines(FILE).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> {
                        String[] cells = line.split("\t", -1);
                        if (cells.length != 6) {
                            throw new IllegalStateException(FILE + ": 6 cells separated by tabs expected: " + line);
                        }
                        return new Row(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]);
                    })
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of one principal, e.g. {@code User:gateway}. */
    public AclTable of(String principal) {
        return new AclTable(
                rows.stream().filter(row -> row.principal().equals(principal)).toList());
    }

    /** Without the rows on the resource named {@code name}. */
    public AclTable without(String resourceType, String name) {
        return new AclTable(rows.stream()
                .filter(row ->
                        !(row.resourceType().equals(resourceType) && row.name().equals(name)))
                .toList());
    }

    /**
     * For a Kafka Streams application started with another application id: the rows on {@code from} and on the names it
     * prefixes ({@code from-}) name {@code to} instead.
     */
    public AclTable forApplicationId(String from, String to) {
        return new AclTable(rows.stream()
                .map(row -> row.name().equals(from) || row.name().startsWith(from + "-")
                        ? new Row(
                                row.principal(),
                                row.resourceType(),
                                row.patternType(),
                                to + row.name().substring(from.length()),
                                row.operations(),
                                row.why())
                        : row)
                .toList());
    }

    /** The same grants, to another principal. */
    public AclTable as(String principal) {
        return new AclTable(rows.stream()
                .map(row -> new Row(
                        principal, row.resourceType(), row.patternType(), row.name(), row.operations(), row.why()))
                .toList());
    }

    public List<AclBinding> bindings() {
        return rows.stream().flatMap(row -> row.bindings().stream()).toList();
    }

    /** The table as docs/operations.md shows it. */
    public String markdown() {
        return "| principal | resource | pattern | name | operations | why |\n|---|---|---|---|---|---|\n"
                + rows.stream()
                        .map(row -> String.format(
                                "| `%s` | %s | %s | `%s` | %s | %s |\n",
                                row.principal(),
                                row.resourceType(),
                                row.patternType(),
                                row.name(),
                                row.operations().replace(",", ", "),
                                row.why()))
                        .collect(Collectors.joining());
    }
}
