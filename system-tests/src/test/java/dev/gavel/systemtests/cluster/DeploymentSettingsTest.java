package dev.gavel.systemtests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The settings that docs/operations.md gives for failing over in seconds and for endings within a tenth of a second
 * are the ones every deployment runs: the brokers that {@code ./gavel} starts (single node and cluster alike), those
 * of docker-compose, and the services' own configuration. A value changed in one place only fails here.
 */
class DeploymentSettingsTest {

    private static final Path ROOT = Commands.ROOT;

    private static final Pattern ROW = Pattern.compile("^\\|([^|]+)\\|([^|]+)\\|([^|]+)\\|$");

    private static final Pattern NAME = Pattern.compile("`([a-z.]+)`");

    private static final Pattern NUMBER = Pattern.compile("^\\s*(\\d+)");

    /** The settings of docs/operations.md, read once. */
    private static List<Setting> documented;

    /** One documented setting: where it applies (the table's first column), its name and value. */
    record Setting(String where, String name, String value) {

        boolean ofBrokers() {
            return where.startsWith("every broker") || where.startsWith("every controller");
        }

        String composeVariable() {
            return "KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_');
        }
    }

    @BeforeAll
    static void readTheDocs() throws IOException {
        documented = fromTheDocs();
    }

    @Test
    void theDocsListTheSettingsOfBothSections() {
        assertThat(documented)
                .extracting(Setting::name)
                .contains(
                        "add.partitions.to.txn.retry.backoff.ms",
                        "broker.session.timeout.ms",
                        "controller.quorum.election.timeout.ms",
                        "producer.retry.backoff.ms",
                        "consumer.session.timeout.ms",
                        "retry.backoff.max.ms");
    }

    @Test
    void theBrokersThatGavelStartsRunEveryDocumentedBrokerSetting() throws IOException {
        List<String> gavel = Files.readAllLines(ROOT.resolve("gavel"));

        for (Setting setting : brokerSettings()) {
            assertThat(gavel).as(setting.toString()).contains(setting.name() + "=" + setting.value());
        }
    }

    @Test
    void everyBrokerOfTheComposeDeploymentRunsEveryDocumentedBrokerSetting() throws IOException {
        Map<String, Object> services = section(yaml(ROOT.resolve("docker-compose.yml")), "services");
        List<String> brokers = services.keySet().stream()
                .filter(name -> name.startsWith("kafka-"))
                .toList();
        assertThat(brokers).hasSize(3);

        for (String broker : brokers) {
            Map<String, Object> environment = section(section(services, broker), "environment");
            for (Setting setting : brokerSettings()) {
                assertThat(String.valueOf(environment.get(setting.composeVariable())))
                        .as(broker + ": " + setting)
                        .isEqualTo(setting.value());
            }
        }
    }

    @Test
    void theProcessorsRunTheirDocumentedClientSettings() throws IOException {
        Map<String, Object> streams =
                streamsProperties(ROOT.resolve("bid-processor/src/main/resources/bid-processor.yml"));

        for (Setting setting : settingsOf("processors")) {
            assertThat(String.valueOf(streams.get(setting.name())))
                    .as(setting.toString())
                    .isEqualTo(setting.value());
        }
    }

    @Test
    void everyServicesKafkaClientsBackOffAsDocumented() throws IOException {
        Map<String, Map<String, Object>> clientsOf = Map.of(
                "gateway",
                section(
                        section(
                                section(yaml(ROOT.resolve("gateway/src/main/resources/gateway.yml")), "spring"),
                                "kafka"),
                        "properties"),
                "bid-processor",
                streamsProperties(ROOT.resolve("bid-processor/src/main/resources/bid-processor.yml")),
                "analytics",
                streamsProperties(ROOT.resolve("analytics/src/main/resources/analytics.yml")));
        List<Setting> clients = settingsOf("every client");
        assertThat(clients).isNotEmpty();

        clientsOf.forEach((service, properties) -> {
            for (Setting setting : clients) {
                assertThat(String.valueOf(properties.get(setting.name())))
                        .as(service + ": " + setting)
                        .isEqualTo(setting.value());
            }
        });
    }

    /**
     * The rows of the settings tables in docs/operations.md: "| where | `a` / `b` | 1 / 2 |", a value's first number
     * being the setting's value (the rest of the cell says why).
     */
    static List<Setting> fromTheDocs() throws IOException {
        List<Setting> settings = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/operations.md"))) {
            Matcher row = ROW.matcher(line.strip());
            if (!row.matches() || !row.group(2).contains("`")) {
                continue;
            }
            List<String> names =
                    NAME.matcher(row.group(2)).results().map(m -> m.group(1)).toList();
            String[] values = row.group(3).split(" / ");
            if (names.size() != values.length) {
                continue;
            }
            for (int i = 0; i < names.size(); i++) {
                Matcher number = NUMBER.matcher(values[i]);
                if (number.find()) {
                    settings.add(new Setting(row.group(1).strip(), names.get(i), number.group(1)));
                }
            }
        }
        return settings;
    }

    private static List<Setting> brokerSettings() {
        List<Setting> brokers = documented.stream().filter(Setting::ofBrokers).toList();
        assertThat(brokers).isNotEmpty();
        return brokers;
    }

    private static List<Setting> settingsOf(String where) {
        List<Setting> of = documented.stream()
                .filter(setting -> setting.where().startsWith(where))
                .toList();
        assertThat(of).as(where).isNotEmpty();
        return of;
    }

    private static Map<String, Object> streamsProperties(Path file) throws IOException {
        return section(section(section(section(yaml(file), "spring"), "kafka"), "streams"), "properties");
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> yaml, String key) {
        Object section = yaml.get(key);
        assertThat(section).as(key).isInstanceOf(Map.class);
        return new HashMap<>((Map<String, Object>) section);
    }
}
