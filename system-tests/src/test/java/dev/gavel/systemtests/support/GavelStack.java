package dev.gavel.systemtests.support;

import dev.gavel.analytics.AnalyticsApplication;
import dev.gavel.gateway.GatewayApplication;
import dev.gavel.processor.BidProcessorApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The bid processor, the gateway and the analytics, each a real Spring Boot application on an ephemeral port, against
 * a given broker. Settings may be overridden per stack.
 */
public final class GavelStack implements AutoCloseable {

    public static final String JWT_SECRET = "system-test-secret-that-is-long-enough-for-hs256";
    public static final String ISSUER = "https://id.gavel.test";
    public static final String AUDIENCE = "gavel";

    private static GavelStack shared;

    private final ConfigurableApplicationContext processor;
    private final ConfigurableApplicationContext gateway;
    private final ConfigurableApplicationContext analytics;
    private final String bootstrapServers;

    private GavelStack(
            ConfigurableApplicationContext processor,
            ConfigurableApplicationContext gateway,
            ConfigurableApplicationContext analytics,
            String bootstrapServers) {
        this.processor = processor;
        this.gateway = gateway;
        this.analytics = analytics;
        this.bootstrapServers = bootstrapServers;
    }

    /** One stack with default settings on the shared broker, for every test that needs nothing special. */
    public static synchronized GavelStack shared() {
        if (shared == null) {
            shared = start(
                    KafkaBroker.bootstrapServers(),
                    Map.of("gavel.auth.issuer", ISSUER, "gavel.auth.audience", AUDIENCE));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "gavel-stack-stop"));
        }
        return shared;
    }

    /**
     * Only a gateway, against whatever is at {@code bootstrapServers} (perhaps nothing): for tests of how it behaves
     * when Kafka is unreachable. It is not waited for: without Kafka it never becomes healthy.
     */
    public static ConfigurableApplicationContext gatewayOnly(String bootstrapServers, Map<String, String> overrides) {
        Map<String, String> settings = gatewaySettings(bootstrapServers);
        settings.putAll(overrides);
        return run(GatewayApplication.application(), settings);
    }

    /** Only a bid processor, not waited for: for tests of how it behaves when Kafka refuses it. */
    public static ConfigurableApplicationContext processorOnly(String bootstrapServers, Map<String, String> overrides) {
        Map<String, String> settings = processorSettings(bootstrapServers);
        settings.putAll(overrides);
        return run(BidProcessorApplication.application(), settings);
    }

    private static Map<String, String> processorSettings(String bootstrapServers) {
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.kafka.bootstrap-servers", bootstrapServers);
        settings.put("server.port", "0");
        settings.put("spring.kafka.streams.application-id", "gavel-test-" + UUID.randomUUID());
        settings.put("spring.kafka.streams.state-dir", tempDir("gavel-state").toString());
        settings.put("gavel.processor.shutdown-timeout", "10s");
        return settings;
    }

    private static Map<String, String> gatewaySettings(String bootstrapServers) {
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.kafka.bootstrap-servers", bootstrapServers);
        settings.put("server.port", "0");
        settings.put("management.server.port", "0");
        settings.put("gavel.auth.jwt-secret", JWT_SECRET);
        settings.put("gavel.auth.demo-tokens", "true");
        return settings;
    }

    public static GavelStack start(String bootstrapServers, Map<String, String> overrides) {
        Map<String, String> processorOverrides = new HashMap<>();
        Map<String, String> gatewayOverrides = new HashMap<>();
        Map<String, String> analyticsOverrides = new HashMap<>();
        overrides.forEach((key, value) -> {
            if (key.startsWith("gavel.processor.") || key.startsWith("spring.kafka.streams.")) {
                processorOverrides.put(key, value);
            } else if (key.startsWith("gavel.analytics.")) {
                analyticsOverrides.put(key, value);
            } else {
                gatewayOverrides.put(key, value);
            }
        });
        return start(bootstrapServers, processorOverrides, gatewayOverrides, analyticsOverrides);
    }

    /** With each service's own settings, e.g. a Kafka user of its own. */
    public static GavelStack start(
            String bootstrapServers,
            Map<String, String> processorOverrides,
            Map<String, String> gatewayOverrides,
            Map<String, String> analyticsOverrides) {
        Map<String, String> processorSettings = processorSettings(bootstrapServers);
        Map<String, String> gatewaySettings = gatewaySettings(bootstrapServers);
        Map<String, String> analyticsSettings = new HashMap<>();
        analyticsSettings.put("spring.kafka.bootstrap-servers", bootstrapServers);
        analyticsSettings.put("server.port", "0");
        analyticsSettings.put("spring.kafka.streams.application-id", "gavel-test-analytics-" + UUID.randomUUID());
        analyticsSettings.put(
                "spring.kafka.streams.state-dir",
                tempDir("gavel-analytics-state").toString());
        analyticsSettings.put("gavel.analytics.shutdown-timeout", "10s");
        processorSettings.putAll(processorOverrides);
        gatewaySettings.putAll(gatewayOverrides);
        analyticsSettings.putAll(analyticsOverrides);
        ConfigurableApplicationContext processor = run(BidProcessorApplication.application(), processorSettings);
        ConfigurableApplicationContext gateway = run(GatewayApplication.application(), gatewaySettings);
        ConfigurableApplicationContext analytics = run(AnalyticsApplication.application(), analyticsSettings);
        GavelStack stack = new GavelStack(processor, gateway, analytics, bootstrapServers);
        stack.awaitReady();
        return stack;
    }

    /** Settings go in as command-line arguments: they must win over the application's own configuration file. */
    private static ConfigurableApplicationContext run(SpringApplication application, Map<String, String> settings) {
        String[] args = settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        application.setBannerMode(Banner.Mode.OFF);
        return application.run(args);
    }

    private void awaitReady() {
        Http http = new Http(httpBase());
        Http analyticsHttp = new Http(URI.create("http://127.0.0.1:" + port(analytics)));
        Waits.until(
                "the stack is healthy",
                () -> processorHttp().isHealthy() && http.isHealthy() && analyticsHttp.isHealthy());
    }

    public URI httpBase() {
        return URI.create("http://127.0.0.1:" + port(gateway));
    }

    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + port(gateway) + "/ws");
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Http http() {
        return new Http(httpBase());
    }

    /** The bid processor's one port: probes and actuator. */
    public Http processorHttp() {
        return new Http(URI.create("http://127.0.0.1:" + port(processor)));
    }

    /** The gateway's management port: actuator with details, metrics. */
    public Http gatewayManagement() {
        return managementHttp(gateway);
    }

    public static Http managementHttp(ConfigurableApplicationContext gateway) {
        return new Http(URI.create("http://127.0.0.1:"
                + gateway.getEnvironment().getRequiredProperty("local.management.port", Integer.class)));
    }

    public <T> T gatewayBean(Class<T> type) {
        return gateway.getBean(type);
    }

    public <T> T processorBean(Class<T> type) {
        return processor.getBean(type);
    }

    /** Signs in through the demo endpoint, as the web page does. */
    public Users.User signIn(String name, String... roles) {
        return http().demoToken(name, roles);
    }

    public WsClient connect(Users.User user) {
        return WsClient.connect(webSocketUri(), user.token());
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the services, then deletes the state directories they were given, so that test runs leave no trace. */
    @Override
    public void close() {
        List<Path> stateDirs = Stream.of(processor, analytics)
                .map(context -> Path.of(context.getEnvironment().getRequiredProperty("spring.kafka.streams.state-dir")))
                .toList();
        analytics.close();
        gateway.close();
        processor.close();
        stateDirs.forEach(dir -> {
            try {
                FileSystemUtils.deleteRecursively(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
