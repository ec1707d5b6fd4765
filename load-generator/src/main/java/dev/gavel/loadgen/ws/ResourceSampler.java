package dev.gavel.loadgen.ws;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples, once a second, the gateway's CPU and heap (from its Prometheus metrics), the processor's CPU, and the load
 * generator's own CPU: a run on a shared machine says who used the cores.
 *
 * <p>Each scrape asks for the few series it reads. A whole exposition (thousands of Kafka client and Streams series,
 * and gauges computed over every auction) took a noticeable share of the gateway's CPU at one scrape a second and
 * disturbed the latencies being measured.
 */
public final class ResourceSampler implements AutoCloseable {

    /**
     * One sample. CPU is in cores (2.0 = two cores busy), averaged since the previous sample; heap in bytes. NaN where
     * a figure could not be read.
     */
    public record Sample(
            long atNanos,
            double gatewayCpu,
            double gatewayHeapUsed,
            double gatewayHeapMax,
            double processorCpu,
            double generatorCpu) {}

    /** Averages and peaks over a window. */
    public record Summary(
            double gatewayCpuMean,
            double gatewayCpuMax,
            double gatewayHeapPeak,
            double gatewayHeapFirst,
            double gatewayHeapLast,
            double gatewayHeapMax,
            double processorCpuMean,
            double generatorCpuMean,
            int samples) {}

    /** Spring Boot's Prometheus endpoint filter: only these series are collected and written. */
    private static final String SAMPLED = "?includedNames=process_cpu_time_ns,process_cpu_time_ns_total,"
            + "process_cpu_usage,jvm_memory_used_bytes,jvm_memory_max_bytes";

    private final Gateway gateway;
    private final URI gatewayMetrics;
    private final URI processorMetrics;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Gateway.daemon("resource-sampler-"));
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long lastNanos;
    private long lastOwnCpu;
    private double lastGatewayCpuSeconds = Double.NaN;
    private double lastProcessorCpuSeconds = Double.NaN;

    /** Scrapes through {@code gateway}'s HTTP client the metrics at the gateway's and the processor's addresses. */
    public ResourceSampler(Gateway gateway, URI gatewayManagementUri, URI processorUri) {
        this.gateway = gateway;
        this.gatewayMetrics = gatewayManagementUri.resolve("/actuator/prometheus" + SAMPLED);
        this.processorMetrics = processorUri == null ? null : processorUri.resolve("/actuator/prometheus" + SAMPLED);
    }

    public ResourceSampler start() {
        lastNanos = System.nanoTime();
        lastOwnCpu = os.getProcessCpuTime();
        String gatewayText = safeScrape(gatewayMetrics);
        lastGatewayCpuSeconds = cpuSeconds(gatewayText);
        // The first sample has the heap only: CPU is a rate and needs a second reading.
        synchronized (samples) {
            samples.add(new Sample(
                    lastNanos,
                    Double.NaN,
                    heap(gatewayText, "jvm_memory_used_bytes"),
                    heap(gatewayText, "jvm_memory_max_bytes"),
                    Double.NaN,
                    Double.NaN));
        }
        lastProcessorCpuSeconds = processorMetrics == null ? Double.NaN : cpuSeconds(safeScrape(processorMetrics));
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    private void sample() {
        long now = System.nanoTime();
        double wall = (now - lastNanos) / 1e9;
        long ownCpu = os.getProcessCpuTime();
        double generator = (ownCpu - lastOwnCpu) / 1e9 / wall;
        String gatewayText = safeScrape(gatewayMetrics);
        double gatewayCpuSeconds = cpuSeconds(gatewayText);
        double gatewayCpu = (gatewayCpuSeconds - lastGatewayCpuSeconds) / wall;
        if (Double.isNaN(gatewayCpu) && gatewayText != null) {
            // Without a CPU time counter, fall back to the JVM's own recent-usage gauge (a share of all cores).
            gatewayCpu = Prometheus.sum(gatewayText, "process_cpu_usage") * cores;
        }
        double processorCpu = Double.NaN;
        if (processorMetrics != null) {
            double processorCpuSeconds = cpuSeconds(safeScrape(processorMetrics));
            processorCpu = (processorCpuSeconds - lastProcessorCpuSeconds) / wall;
            lastProcessorCpuSeconds = processorCpuSeconds;
        }
        Sample sample = new Sample(
                now,
                gatewayCpu,
                heap(gatewayText, "jvm_memory_used_bytes"),
                heap(gatewayText, "jvm_memory_max_bytes"),
                processorCpu,
                generator);
        synchronized (samples) {
            samples.add(sample);
        }
        lastNanos = now;
        lastOwnCpu = ownCpu;
        lastGatewayCpuSeconds = gatewayCpuSeconds;
    }

    private String safeScrape(URI uri) {
        try {
            return gateway.scrape(uri);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static double heap(String exposition, String metric) {
        return exposition == null ? Double.NaN : Prometheus.sum(exposition, metric, "area=\"heap\"");
    }

    /** {@code process_cpu_time_ns_total} in seconds, or NaN. */
    private static double cpuSeconds(String exposition) {
        return exposition == null ? Double.NaN : Prometheus.sum(exposition, "process_cpu_time_ns_total") / 1e9;
    }

    /** The latest sample in which the gateway's heap could be read, or null if there is none. */
    public Sample latest() {
        synchronized (samples) {
            for (int i = samples.size() - 1; i >= 0; i--) {
                if (!Double.isNaN(samples.get(i).gatewayHeapUsed())) {
                    return samples.get(i);
                }
            }
            return null;
        }
    }

    /** The samples taken between the two times. */
    public Summary summary(long fromNanos, long toNanos) {
        List<Sample> window;
        synchronized (samples) {
            window = samples.stream()
                    .filter(s -> s.atNanos() - fromNanos > 0 && s.atNanos() - toNanos <= 0)
                    .toList();
        }
        return summarize(window);
    }

    static Summary summarize(List<Sample> window) {
        if (window.isEmpty()) {
            return new Summary(
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new Summary(
                mean(window.stream().mapToDouble(Sample::gatewayCpu).toArray()),
                max(window.stream().mapToDouble(Sample::gatewayCpu).toArray()),
                max(window.stream().mapToDouble(Sample::gatewayHeapUsed).toArray()),
                window.get(0).gatewayHeapUsed(),
                window.get(window.size() - 1).gatewayHeapUsed(),
                window.get(window.size() - 1).gatewayHeapMax(),
                mean(window.stream().mapToDouble(Sample::processorCpu).toArray()),
                mean(window.stream().mapToDouble(Sample::generatorCpu).toArray()),
                window.size());
    }

    private static double max(double[] values) {
        double max = Double.NaN;
        for (double value : values) {
            if (!Double.isNaN(value) && (Double.isNaN(max) || value > max)) {
                max = value;
            }
        }
        return max;
    }

    private static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                sum += value;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
