package dev.gavel.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.util.FileSystemUtils;

/**
 * The real multi-process deployments of {@code ./gavel}, each service a separate JVM on loopback ports chosen for
 * this run, under a temporary home: the cluster of {@code ./gavel cluster up} (three Kafka brokers, two bid
 * processors, two gateways) or the single node of {@code ./gavel up}. Faults are real signals to those processes,
 * found by the pid files the script writes.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final boolean single;
    private final Path home;
    private final Map<String, String> environment;
    private final int[] gatewayPorts;
    private final int[] brokerPorts;

    private LocalCluster(
            boolean single, Path home, Map<String, String> environment, int[] gatewayPorts, int[] brokerPorts) {
        this.single = single;
        this.home = home;
        this.environment = environment;
        this.gatewayPorts = gatewayPorts;
        this.brokerPorts = brokerPorts;
    }

    /** Starts the cluster and returns once every service is healthy. */
    public static LocalCluster start() {
        return start(Map.of());
    }

    /** Starts the cluster, with extra settings for every service, and returns once every service is healthy. */
    public static LocalCluster start(Map<String, String> settings) {
        List<Integer> ports = freePorts(11);
        Path home = tempDir();
        Map<String, String> env = new HashMap<>();
        env.put("GAVEL_HOME", home.toString());
        env.put("GAVEL_SKIP_BUILD", "1");
        env.put("GAVEL_KAFKA_PORT", ports.get(0).toString());
        env.put("GAVEL_KAFKA_PORT_2", ports.get(1).toString());
        env.put("GAVEL_KAFKA_PORT_3", ports.get(2).toString());
        env.put("GAVEL_KAFKA_CONTROLLER_PORT", ports.get(3).toString());
        env.put("GAVEL_KAFKA_CONTROLLER_PORT_2", ports.get(4).toString());
        env.put("GAVEL_KAFKA_CONTROLLER_PORT_3", ports.get(5).toString());
        env.put("GAVEL_PROCESSOR_PORT", ports.get(6).toString());
        env.put("GAVEL_PROCESSOR_PORT_2", ports.get(7).toString());
        env.put("GAVEL_HTTP_PORT", ports.get(8).toString());
        env.put("GAVEL_HTTP_PORT_2", ports.get(9).toString());
        env.put("GAVEL_AUTH_JWT_SECRET", GavelStack.JWT_SECRET);
        env.putAll(settings);
        LocalCluster cluster = new LocalCluster(false, home, env, new int[] {ports.get(8), ports.get(9)}, new int[] {
            ports.get(0), ports.get(1), ports.get(2)
        });
        cluster.gavel(Duration.ofMinutes(6), "cluster", "up", "-d");
        return cluster;
    }

    /** Starts the single node of {@code ./gavel up}: one broker, one processor, one gateway. */
    public static LocalCluster startSingle(Map<String, String> settings) {
        List<Integer> ports = freePorts(4);
        Path home = tempDir();
        Map<String, String> env = new HashMap<>();
        env.put("GAVEL_HOME", home.toString());
        env.put("GAVEL_SKIP_BUILD", "1");
        env.put("GAVEL_KAFKA_PORT", ports.get(0).toString());
        env.put("GAVEL_KAFKA_CONTROLLER_PORT", ports.get(1).toString());
        env.put("GAVEL_PROCESSOR_PORT", ports.get(2).toString());
        env.put("GAVEL_HTTP_PORT", ports.get(3).toString());
        env.put("GAVEL_AUTH_JWT_SECRET", GavelStack.JWT_SECRET);
        env.putAll(settings);
        LocalCluster node = new LocalCluster(true, home, env, new int[] {ports.get(3)}, new int[] {ports.get(0)});
        node.gavel(Duration.ofMinutes(4), "up", "-d");
        return node;
    }

    public int gateways() {
        return gatewayPorts.length;
    }

    /** Starts a stopped service again, as the deployment started it, and waits until it is healthy. */
    public void restart(String service) {
        if (single) {
            gavel(Duration.ofMinutes(4), "up", "-d");
        } else {
            gavel(Duration.ofMinutes(4), "cluster", "start", service);
        }
    }

    /** SIGSTOP: the process freezes, as in a long GC pause or a stalled VM. */
    public void pause(String service) {
        signal("STOP", service);
    }

    /** SIGCONT: a paused process resumes, unaware of the time it lost. */
    public void resume(String service) {
        signal("CONT", service);
    }

    private void signal(String signal, String service) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid(service))).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + service + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI gateway(int instance) {
        return URI.create("http://127.0.0.1:" + gatewayPorts[instance - 1]);
    }

    public URI webSocket(int instance) {
        return URI.create("ws://127.0.0.1:" + gatewayPorts[instance - 1] + "/ws");
    }

    public String bootstrapServers() {
        List<String> servers = new ArrayList<>();
        for (int port : brokerPorts) {
            servers.add("127.0.0.1:" + port);
        }
        return String.join(",", servers);
    }

    public Users.User signIn(int gateway, String name) {
        return new Http(gateway(gateway)).demoToken(name);
    }

    /** The pid of a service, e.g. {@code bid-processor-1} or {@code kafka-2}. */
    public long pid(String service) {
        try {
            return Long.parseLong(Files.readString(home.resolve("run").resolve(service + ".pid"))
                    .trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM: a graceful stop. */
    public void stop(String service) {
        ProcessHandle process = ProcessHandle.of(pid(service)).orElseThrow();
        process.destroy();
        process.onExit().orTimeout(60, TimeUnit.SECONDS).join();
    }

    /** SIGKILL: a crash. */
    public void kill(String service) {
        ProcessHandle process = ProcessHandle.of(pid(service)).orElseThrow();
        process.destroyForcibly();
        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    public boolean isAlive(String service) {
        return ProcessHandle.of(pid(service)).map(ProcessHandle::isAlive).orElse(false);
    }

    private void gavel(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("gavel").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        home.resolve("gavel-" + String.join("-", args) + ".log").toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./gavel " + String.join(" ", args) + " took longer than " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("./gavel " + String.join(" ", args) + " failed:\n" + output(args));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String output(String... args) throws IOException {
        String log = Files.readString(home.resolve("gavel-" + String.join("-", args) + ".log"));
        Path logs = home.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                log += files.map(Path::getFileName)
                        .map(Path::toString)
                        .collect(Collectors.joining(", ", "\nlogs: ", ""));
            }
        }
        return log;
    }

    /**
     * Stops whatever still runs, gracefully (the script kills what does not stop in time), then deletes the temporary
     * home: brokers' logs and stores take a few hundred MB a run.
     */
    @Override
    public void close() {
        if (single) {
            gavel(Duration.ofMinutes(3), "down");
        } else {
            gavel(Duration.ofMinutes(3), "cluster", "down");
        }
        try {
            FileSystemUtils.deleteRecursively(home);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + home, e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("gavel-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ports below the kernel's ephemeral range, so no outgoing connection can be holding one when we bind it. */
    private static List<Integer> freePorts(int count) {
        Random random = new Random();
        Set<Integer> ports = new HashSet<>();
        while (ports.size() < count) {
            int port = 20_000 + random.nextInt(12_000);
            if (!ports.contains(port) && bindable(port)) {
                ports.add(port);
            }
        }
        return new ArrayList<>(ports);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
