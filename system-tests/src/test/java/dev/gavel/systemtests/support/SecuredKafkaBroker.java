package dev.gavel.systemtests.support;

import static java.util.Map.entry;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;

/**
 * A KRaft broker whose clients must come over SASL_SSL with SCRAM-SHA-512 and may do only what ACLs grant them
 * (Kafka's StandardAuthorizer; nothing is allowed without an ACL). The broker itself, its controller and the test's
 * administration use a PLAINTEXT listener on the loopback interface, whose unauthenticated principal is the super
 * user: SCRAM users live in the cluster's metadata, so they cannot authenticate the broker before the cluster runs.
 * The TLS key pair is made for {@code 127.0.0.1} with the JDK's keytool; the clients trust it through a Spring Boot
 * SSL bundle.
 */
public final class SecuredKafkaBroker implements AutoCloseable {

    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final String STORE_PASSWORD = "gavel-test-store";
    private static final String SSL_BUNDLE = "gavel-kafka";

    private final KafkaBroker broker;
    private final int clientPort;
    private final Path tls;

    private SecuredKafkaBroker(KafkaBroker broker, int clientPort, Path tls) {
        this.broker = broker;
        this.clientPort = clientPort;
        this.tls = tls;
    }

    public static SecuredKafkaBroker start() {
        try {
            Path tls = Files.createTempDirectory("gavel-tls-");
            Path keystore = tls.resolve("broker.p12");
            Path certificate = tls.resolve("broker.pem");
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "1")
                    .and("-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12")
                    .and("-keystore", keystore.toString(), "-storepass", STORE_PASSWORD)
                    .run();
            keytool("-exportcert", "-alias", "broker", "-rfc", "-keystore", keystore.toString())
                    .and("-storepass", STORE_PASSWORD, "-file", certificate.toString())
                    .run();
            keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString())
                    .and("-storetype", "PKCS12", "-keystore", truststore(tls).toString(), "-storepass", STORE_PASSWORD)
                    .run();
            int clientPort = KafkaBroker.freePort();
            KafkaBroker broker = KafkaBroker.dedicated((port, controllerPort) -> Map.ofEntries(
                    entry(
                            "listeners",
                            "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                                    + ",CLIENT://127.0.0.1:" + clientPort),
                    entry(
                            "advertised.listeners",
                            "PLAINTEXT://127.0.0.1:" + port + ",CLIENT://127.0.0.1:" + clientPort),
                    entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,CLIENT:SASL_SSL"),
                    entry("listener.name.client.sasl.enabled.mechanisms", MECHANISM),
                    entry(
                            "listener.name.client.scram-sha-512.sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                    entry("listener.name.client.ssl.keystore.type", "PKCS12"),
                    entry("listener.name.client.ssl.keystore.location", keystore.toString()),
                    entry("listener.name.client.ssl.keystore.password", STORE_PASSWORD),
                    entry("listener.name.client.ssl.key.password", STORE_PASSWORD),
                    entry("authorizer.class.name", StandardAuthorizer.class.getName()),
                    entry("super.users", "User:ANONYMOUS"),
                    entry("allow.everyone.if.no.acl.found", "false")));
            return new SecuredKafkaBroker(broker, clientPort, tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SASL_SSL listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + clientPort;
    }

    /** Creates the ACLs and waits until the broker enforces them. */
    public void grant(AclTable acls) {
        List<AclBinding> bindings = acls.bindings();
        try (Admin admin = admin()) {
            admin.createAcls(bindings).all().get();
            awaitBroker(
                    "the broker has the ACLs",
                    () -> admin.describeAcls(AclBindingFilter.ANY)
                            .values()
                            .get()
                            .containsAll(bindings));
        } catch (ExecutionException e) {
            throw new IllegalStateException("the ACLs were not created", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A super user's client, on the PLAINTEXT listener; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()));
    }

    /** Creates a SCRAM user and waits until the broker knows it. */
    public void createUser(String name, String password) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            name, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                    .all()
                    .get();
            awaitBroker(
                    "the broker knows the user " + name,
                    () -> !admin.describeUserScramCredentials(List.of(name))
                            .description(name)
                            .get()
                            .credentialInfos()
                            .isEmpty());
        } catch (ExecutionException e) {
            throw new IllegalStateException("the user " + name + " was not created", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The settings with which a service reaches this broker as {@code user}: configuration alone, as an operator gives
     * them (the truststore through the SSL bundle {@value #SSL_BUNDLE}).
     */
    public Map<String, String> clientSettings(String user, String password) {
        String bundle = "spring.ssl.bundle.jks." + SSL_BUNDLE + ".truststore.";
        return Map.of(
                "spring.kafka.security.protocol",
                "SASL_SSL",
                "spring.kafka.ssl.bundle",
                SSL_BUNDLE,
                bundle + "location",
                truststore(tls).toUri().toString(),
                bundle + "password",
                STORE_PASSWORD,
                bundle + "type",
                "PKCS12",
                "spring.kafka.properties.sasl.mechanism",
                MECHANISM,
                "spring.kafka.properties.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";");
    }

    @Override
    public void close() {
        broker.close();
        KafkaBroker.deleteTree(tls);
    }

    /** The broker's answers come from its copy of the metadata, which follows the controller's. */
    private static void awaitBroker(String what, Callable<Boolean> condition) {
        await(what).atMost(Waits.DEFAULT).ignoreExceptions().until(condition);
    }

    private static Path truststore(Path tls) {
        return tls.resolve("truststore.p12");
    }

    private static Keytool keytool(String... arguments) {
        return new Keytool(new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                        .toString())))
                .and(arguments);
    }

    /** A command line of the JDK's keytool, run to its end. */
    private record Keytool(List<String> command) {

        Keytool and(String... arguments) {
            command.addAll(List.of(arguments));
            return this;
        }

        void run() throws IOException {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            try {
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed: " + String.join(" ", command) + "\n" + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
