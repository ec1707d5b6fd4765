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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.util.FileSystemUtils;

/**
 * The real multi-process deployments of {@code ./gavel}, each service a separate JVM on loopback ports chosen for
 * this run (the variables to set come from the script's port plan), under a temporary home: the cluster of
 * {@code ./gavel cluster up} (three Kafka brokers, two bid processors, two gateways, the analytics) or the single node
 * of {@code ./gavel up}. Faults are real signals to those processes, found by the pid files the script writes.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final boolean single;
    private final Path home;
    private final Map<String, String> environment;
    private final int[] gatewayPorts;
    private final int[] brokerPorts;
    private final Map<String, Integer> processorPorts;

    private LocalCluster(
            boolean single,
            Path home,
            Map<String, String> environment,
            int[] gatewayPorts,
            int[] brokerPorts,
            Map<String, Integer> processorPorts) {
        this.single = single;
        this.home = home;
        this.environment = environment;
        this.gatewayPorts = gatewayPorts;
        this.brokerPorts = brokerPorts;
        this.processorPorts = processorPorts;
    }

    /** Starts the cluster and returns once every service is healthy. */
    public static LocalCluster start() {
        return start(Map.of());
    }

    /** Starts the cluster, with extra settings for every service, and returns once every service is healthy. */
    public static LocalCluster start(Map<String, String> settings) {
        return launch(false, settings, Duration.ofMinutes(6));
    }

    /** Starts the single node of {@code ./gavel up}: one broker, one processor, one gateway, one analytics. */
    public static LocalCluster startSingle(Map<String, String> settings) {
        return launch(true, settings, Duration.ofMinutes(4));
    }

    /**
     * Starts a deployment on ports free for this run: the script's port plan says which variables to set, and which
     * ports are the gateways' and the brokers'.
     */
    private static LocalCluster launch(boolean single, Map<String, String> settings, Duration timeout) {
        Path home = tempDir();
        Map<String, String> env = new HashMap<>();
        env.put("GAVEL_HOME", home.toString());
        env.put("GAVEL_SKIP_BUILD", "1");
        env.put("GAVEL_AUTH_JWT_SECRET", GavelStack.JWT_SECRET);
        List<PlannedPort> plan = PlannedPort.parse(run(home, env, Duration.ofMinutes(1), command(single, "ports")));
        List<Integer> ports = freePorts(plan.size());
        List<Integer> gateways = new ArrayList<>();
        List<Integer> brokers = new ArrayList<>();
        Map<String, Integer> processors = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedPort planned = plan.get(i);
            env.put(planned.variable(), ports.get(i).toString());
            if (planned.isGateway()) {
                gateways.add(ports.get(i));
            } else if (planned.isBroker()) {
                brokers.add(ports.get(i));
            } else if (planned.isProcessor()) {
                processors.put(planned.service(), ports.get(i));
            }
        }
        env.putAll(settings);
        LocalCluster deployment = new LocalCluster(single, home, env, toArray(gateways), toArray(brokers), processors);
        try {
            deployment.gavel(timeout, command(single, "up", "-d"));
        } catch (RuntimeException e) {
            // What did start must not outlive the failed start; its logs stay for the diagnosis.
            try {
                deployment.gavel(Duration.ofMinutes(3), command(single, "down"));
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return deployment;
    }

    /** A line of {@code ./gavel [cluster] ports}: service, listener, the variable that sets the port, and the port. */
    private record PlannedPort(String service, String listener, String variable) {

        static List<PlannedPort> parse(String plan) {
            return plan.lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty())
                    .map(line -> line.split("\\s+"))
                    .map(fields -> {
                        if (fields.length != 4) {
                            throw new IllegalStateException("not a line of the port plan: " + String.join(" ", fields));
                        }
                        return new PlannedPort(fields[0], fields[1], fields[2]);
                    })
                    .toList();
        }

        boolean isGateway() {
            return service.matches("gateway(-\\d+)?") && listener.equals("http");
        }

        boolean isBroker() {
            return listener.equals("broker");
        }

        boolean isProcessor() {
            return service.matches("bid-processor(-\\d+)?") && listener.equals("http");
        }
    }

    private static int[] toArray(List<Integer> ports) {
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The script's arguments for a command of the single node or of the cluster. */
    private static String[] command(boolean single, String... args) {
        List<String> command = new ArrayList<>();
        if (!single) {
            command.add("cluster");
        }
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    public int gateways() {
        return gatewayPorts.length;
    }

    /**
     * A bid processor that runs tasks, by the task counts of its health: in the single node the primary, not the spare
     * that only keeps standby copies (a fault of the spare would test nothing). The first processor when none says.
     */
    public String runningProcessor() {
        for (Map.Entry<String, Integer> processor : processorPorts.entrySet()) {
            try {
                Http.Response health =
                        new Http(URI.create("http://127.0.0.1:" + processor.getValue())).get("/actuator/health", null);
                if (health.json()
                                .path("components")
                                .path("streams")
                                .path("details")
                                .path("activeTasks")
                                .asInt()
                        > 0) {
                    return processor.getKey();
                }
            } catch (RuntimeException unreachable) {
                // A processor that does not answer runs nothing that a fault could test.
            }
        }
        return processorPorts.keySet().iterator().next();
    }

    /** Starts a stopped service again, as the deployment started it, and waits until it is healthy. */
    public void restart(String service) {
        // The single node's `up -d` starts what is missing and waits until everything is healthy again.
        gavel(Duration.ofMinutes(4), single ? command(true, "up", "-d") : command(false, "start", service));
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
        run(home, environment, timeout, args);
    }

    /** Runs {@code ./gavel} with these arguments, its output kept in the home; returns the output. */
    private static String run(Path home, Map<String, String> environment, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("gavel").toString());
        command.addAll(List.of(args));
        Path log = home.resolve("gavel-" + String.join("-", args) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./gavel " + String.join(" ", args) + " took longer than " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("./gavel " + String.join(" ", args) + " failed:\n" + output(home, log));
            }
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String output(Path home, Path log) throws IOException {
        String output = Files.readString(log);
        Path logs = home.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                output += files.map(Path::getFileName)
                        .map(Path::toString)
                        .collect(Collectors.joining(", ", "\nlogs in " + logs + ": ", ""));
            }
        }
        return output;
    }

    /**
     * Stops whatever still runs, gracefully (the script kills what does not stop in time), then deletes the temporary
     * home: brokers' logs and stores take a few hundred MB a run.
     */
    @Override
    public void close() {
        gavel(Duration.ofMinutes(3), command(single, "down"));
        if (Boolean.getBoolean("gavel.cluster.keep")) {
            // -Dgavel.cluster.keep=true: the logs stay, to find out where a run's time went.
            System.out.println("Kept the deployment's home, logs included: " + home);
            return;
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
