package dev.gavel.systemtests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gavel.systemtests.support.Commands;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The root docker-compose.yml fails closed: it is the file users copy into a deployment. Checked with the
 * docker-compose command-line tool, which needs no Docker engine to read a file.
 */
class ComposeFileTest {

    @BeforeAll
    static void dockerComposeIsInstalled() {
        boolean installed = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "docker-compose")));
        assumeTrue(installed, "docker-compose is not installed");
    }

    @Test
    void theDeploymentDoesNotStartWithoutAJwtSecretOfItsOwn() throws Exception {
        Commands.Result config = config(Map.of());

        assertThat(config.exitCode()).isNotZero();
        assertThat(config.output()).contains("set GAVEL_AUTH_JWT_SECRET to a secret of at least 32 bytes");
    }

    @Test
    void demoTokensAreOffUnlessAskedFor() throws Exception {
        Map<String, Object> gateway = gatewayService(Map.of("GAVEL_AUTH_JWT_SECRET", "a-secret-of-this-deployment"));

        assertThat(environment(gateway))
                .containsEntry("GAVEL_AUTH_JWT_SECRET", "a-secret-of-this-deployment")
                .containsEntry("GAVEL_AUTH_DEMO_TOKENS", "false");
    }

    @Test
    void onlyTheGatewaysPublicPortIsPublished() throws Exception {
        Map<String, Object> gateway = gatewayService(Map.of("GAVEL_AUTH_JWT_SECRET", "a-secret-of-this-deployment"));

        assertThat(gateway.get("ports").toString()).contains("8080").doesNotContain("8180");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> gatewayService(Map<String, String> environment) throws Exception {
        Commands.Result config = config(environment);
        assertThat(config.exitCode()).as(config.output()).isZero();
        Map<String, Object> file = new Yaml().load(config.output());
        return (Map<String, Object>) ((Map<String, Object>) file.get("services")).get("gateway");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new HashMap<>();
        ((Map<String, Object>) service.get("environment"))
                .forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    /** {@code docker-compose config} with none of the shell's GAVEL_ settings, only these. */
    private static Commands.Result config(Map<String, String> environment) throws Exception {
        return Commands.run(
                environment, Duration.ofSeconds(60), List.of("docker-compose", "-f", "docker-compose.yml", "config"));
    }
}
