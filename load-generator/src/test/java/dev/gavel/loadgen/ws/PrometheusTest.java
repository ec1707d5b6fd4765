package dev.gavel.loadgen.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTest {

    private static final String EXPOSITION = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2097152.0
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.9928064E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
            jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
            jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 8.05306368E8
            process_cpu_usage 0.153
            process_cpu_usage_other 9
            process_cpu_time_ns_total 1.2345E10
            """;

    @Test
    void sumsTheSamplesWithTheGivenLabels() {
        assertThat(Prometheus.sum(EXPOSITION, "jvm_memory_used_bytes", "area=\"heap\""))
                .isEqualTo(2_097_152.0 + 19_928_064.0);
        assertThat(Prometheus.sum(EXPOSITION, "jvm_memory_used_bytes")).isEqualTo(2_097_152.0 + 19_928_064.0 + 5e7);
    }

    @Test
    void leavesOutNegativeSamplesSuchAsPoolsWithoutAMaximum() {
        assertThat(Prometheus.sum(EXPOSITION, "jvm_memory_max_bytes", "area=\"heap\""))
                .isEqualTo(805_306_368.0);
    }

    @Test
    void doesNotConfuseAMetricWithAnotherWhoseNameStartsTheSame() {
        assertThat(Prometheus.sum(EXPOSITION, "process_cpu_usage")).isEqualTo(0.153);
        assertThat(Prometheus.sum(EXPOSITION, "process_cpu_time_ns_total")).isEqualTo(1.2345e10);
    }

    @Test
    void saysWhenAMetricIsMissing() {
        assertThat(Prometheus.sum(EXPOSITION, "jvm_threads_live_threads")).isNaN();
    }
}
