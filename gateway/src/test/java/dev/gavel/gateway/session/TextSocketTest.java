package dev.gavel.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.gateway.protocol.TextFrame;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

/** The container's socket, written with bytes encoded once: a real Tomcat and a real client read them back as text. */
class TextSocketTest {

    /** Larger than Tomcat's buffers, in scripts of one to four bytes a character, cut across the buffers' edges. */
    private static final String LONG_TEXT =
            "{\"text\":\"" + "price 12,50 € · 價格 · цена · 💸 · <b>&amp;</b> ".repeat(120) + "\"}";

    /** The frames the server sends each client as soon as it connects, once each, to every client. */
    private static final List<TextFrame> FRAMES =
            List.of(TextFrame.of("{\"type\":\"first\"}"), TextFrame.of(LONG_TEXT), TextFrame.of("{\"type\":\"last\"}"));

    @TempDir
    Path baseDir;

    private Tomcat tomcat;

    /** Sends {@link #FRAMES} one after the other, each when the one before is written, as a session does. */
    public static final class Sender extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            StandardWebSocketSession ws = new StandardWebSocketSession(null, null, null, null);
            ws.initializeNativeSession(session);
            send(TextSocket.of(ws), 0);
        }

        private static void send(TextSocket socket, int index) {
            if (index < FRAMES.size()) {
                socket.send(FRAMES.get(index), (SendResult result) -> {
                    if (result.isOK()) {
                        send(socket, index + 1);
                    }
                });
            }
        }
    }

    public static final class Endpoints implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            ServerContainer container =
                    (ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName());
            try {
                container.addEndpoint(
                        ServerEndpointConfig.Builder.create(Sender.class, "/ws").build());
            } catch (jakarta.websocket.DeploymentException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeEach
    void startTomcat() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        Context context = tomcat.addContext("", baseDir.toString());
        context.addServletContainerInitializer(new WsSci(), null);
        context.addApplicationListener(Endpoints.class.getName());
        Tomcat.addServlet(context, "default", new HttpServlet() {});
        context.addServletMappingDecoded("/", "default");
        tomcat.getConnector();
        tomcat.start();
    }

    @AfterEach
    void stopTomcat() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    /** A client that keeps every whole message it receives. */
    private static final class Client implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                messages.add(parts.toString());
                parts.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

    private Client connect() {
        Client client = new Client();
        URI uri = URI.create("ws://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/ws");
        HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(uri, client)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        return client;
    }

    @Test
    void everyClientReadsTheSameBytesAsTheTextTheyWereEncodedFrom() {
        Client first = connect();
        Client second = connect();

        List<String> expected = FRAMES.stream().map(TextFrame::text).toList();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(first.messages).containsExactlyElementsOf(expected);
            assertThat(second.messages).containsExactlyElementsOf(expected);
        });
        assertThat(first.messages.get(1)).isEqualTo(LONG_TEXT);
    }
}
