package dev.gavel.loadgen.scenario;

import dev.gavel.loadgen.report.Results;
import dev.gavel.loadgen.ws.ResourceSampler;

/** What delivering to an audience cost the stack over a measured window: the figures every audience scenario gives. */
final class GatewayUsage {

    /** Past this share of its maximum, the gateway's heap is not called bounded. */
    static final double HEAP_BOUND = 0.85;

    private GatewayUsage() {}

    /** @param delivered messages delivered to the viewers in the window, which lasted {@code seconds} */
    static void record(Results.Builder result, ResourceSampler.Summary usage, long delivered, double seconds) {
        result.figure("messages_per_second", "Messages delivered to viewers", delivered / seconds, "msg/s");
        result.figure("gateway_cpu_cores", "Gateway CPU (mean)", usage.gatewayCpuMean(), "cores");
        result.figure("gateway_cpu_cores_max", "Gateway CPU (max 1 s sample)", usage.gatewayCpuMax(), "cores");
        if (delivered > 0) {
            // CPU milliseconds per 1,000 messages: cores x 1,000 ms per second / (messages per second / 1,000).
            result.figure(
                    "gateway_cpu_ms_per_1000_messages",
                    "Gateway CPU per 1,000 messages delivered",
                    usage.gatewayCpuMean() * 1e6 / (delivered / seconds),
                    "ms");
        }
        result.figure("gateway_heap_peak_mb", "Gateway heap used, peak", usage.gatewayHeapPeak() / 1e6, "MB");
        result.figure("gateway_heap_end_mb", "Gateway heap used, end of window", usage.gatewayHeapLast() / 1e6, "MB");
        result.figure("gateway_heap_max_mb", "Gateway heap maximum", usage.gatewayHeapMax() / 1e6, "MB");
        boolean bounded = usage.samples() > 0 && usage.gatewayHeapPeak() < HEAP_BOUND * usage.gatewayHeapMax();
        result.figure("gateway_heap_bounded", "Heap bounded (peak < 85% of maximum): 1 = yes", bounded ? 1 : 0, "");
        result.figure("processor_cpu_cores", "Processor CPU (mean)", usage.processorCpuMean(), "cores");
        result.figure("generator_cpu_cores", "Load generator CPU (mean)", usage.generatorCpuMean(), "cores");
    }
}
