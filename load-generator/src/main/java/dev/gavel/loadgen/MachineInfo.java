package dev.gavel.loadgen;

import dev.gavel.loadgen.report.Results;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;

/** What the figures were measured on: every report carries it. */
final class MachineInfo {

    private MachineInfo() {}

    static Results.Machine describe() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Results.Machine(
                Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize() / (1024 * 1024),
                cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                loadAverage());
    }

    static Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        String gavel = MachineInfo.class.getPackage().getImplementationVersion();
        versions.put("Gavel", gavel == null ? "development build" : gavel);
        versions.put("Kafka clients and Streams", kafkaVersion());
        versions.put("Java (load generator)", System.getProperty("java.version"));
        return versions;
    }

    /** Read from the clients jar itself: the class that reported it moved to an internal package in Kafka 4.4. */
    private static String kafkaVersion() {
        try (InputStream in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The 1, 5 and 15 minute load averages: how busy the machine was before the run. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1 / 5 / 15 min)";
        } catch (IOException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "unknown" : String.valueOf(load);
        }
    }
}
