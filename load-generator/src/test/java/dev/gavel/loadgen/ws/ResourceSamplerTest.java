package dev.gavel.loadgen.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceSamplerTest {

    private static final String EXPOSITION = """
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.0E8
            jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 8.0E8
            process_cpu_time_ns_total 1.0E10
            """;

    private final List<URI> requested = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void serveMetrics() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/prometheus", exchange -> {
            requested.add(exchange.getRequestURI());
            byte[] body = EXPOSITION.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void asksTheServicesOnlyForTheSeriesItReads() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        Gateway gateway = new Gateway(base.toString(), 1);

        try (ResourceSampler sampler = new ResourceSampler(gateway, base, base).start()) {
            assertThat(sampler.latest().gatewayHeapUsed()).isEqualTo(1.0e8);
            assertThat(sampler.latest().gatewayHeapMax()).isEqualTo(8.0e8);
        }

        assertThat(requested).hasSize(2).allSatisfy(uri -> {
            assertThat(uri.getPath()).isEqualTo("/actuator/prometheus");
            assertThat(uri.getQuery())
                    .startsWith("includedNames=")
                    .contains("process_cpu_time_ns", "jvm_memory_used_bytes", "jvm_memory_max_bytes");
        });
    }
}
