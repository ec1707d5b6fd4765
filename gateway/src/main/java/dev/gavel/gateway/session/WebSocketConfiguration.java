package dev.gavel.gateway.session;

import dev.gavel.gateway.GatewayProperties;
import dev.gavel.gateway.auction.AuctionDirectory;
import dev.gavel.gateway.auction.StatsBoard;
import dev.gavel.gateway.command.CommandGateway;
import dev.gavel.gateway.command.RateLimits;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.show.ShowDirectory;
import dev.gavel.gateway.threads.TimerThread;
import dev.gavel.gateway.threads.WorkerThreads;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration {

    /**
     * The container's buffers, allocated for every connection: messages arrive in parts of this size, so they need
     * not hold a whole message (5,000 idle viewers cost 5,000 times these buffers).
     */
    static final int TEXT_BUFFER_CHARS = 2048;

    static final int BINARY_BUFFER_BYTES = 512;

    /**
     * Tomcat's socket read and write buffers, also one pair per connection (8 KB each by default). A server message is
     * a few hundred bytes; a larger one is written in several parts.
     */
    static final int SOCKET_BUFFER_BYTES = 4096;

    private final GatewayProperties gateway;

    WebSocketConfiguration(GatewayProperties gateway) {
        this.gateway = gateway;
    }

    /** Writes frames to sockets; as many threads as cores, since the writes are non-blocking. */
    @Bean(destroyMethod = "close")
    WorkerThreads frameSenders() {
        return new WorkerThreads("gavel-sender", Runtime.getRuntime().availableProcessors());
    }

    @Bean(destroyMethod = "close")
    TimerThread subscribeRetries() {
        return new TimerThread("gavel-subscribe-retries");
    }

    @Bean
    MessageRouter messageRouter(
            AuctionDirectory directory,
            ShowDirectory shows,
            StatsBoard stats,
            CommandGateway commands,
            FrameWriter frames,
            @Qualifier("subscribeRetries") TimerThread retries,
            Clock clock) {
        return new MessageRouter(
                directory,
                shows,
                stats,
                commands,
                frames,
                retries,
                clock,
                gateway.unknownAuctionWait(),
                gateway.messageBurst(),
                gateway.maxFrameSize().toBytes());
    }

    @Bean
    AuctionWebSocketHandler auctionWebSocketHandler(
            MessageRouter router, RateLimits limits, WorkerThreads senders, Clock clock, MeterRegistry meters) {
        AuctionWebSocketHandler.Sessions sessions = (ws, identity, listener) -> new ClientSession(
                ws,
                identity == null ? null : identity.user(),
                identity == null ? null : identity.expiresAt(),
                identity == null ? Set.of() : identity.roles(),
                gateway.sendQueueLimit(),
                gateway.conflateAfter(),
                gateway.sendTimeLimit(),
                limits.newSessionLimit(),
                gateway.maxFrameSize().toBytes(),
                TextSocket.of(ws),
                senders::execute,
                clock,
                listener);
        return new AuctionWebSocketHandler(
                sessions, router, new ConnectionLimits(gateway.maxConnectionsPerUser()), meters);
    }

    @Bean
    MeterBinder webSocketGauges(AuctionWebSocketHandler handler, AuctionDirectory directory) {
        return meters -> {
            Gauge.builder("gavel.ws.connections", handler, AuctionWebSocketHandler::connectionCount)
                    .description("Open WebSockets")
                    .register(meters);
            Gauge.builder("gavel.ws.subscriptions", directory, AuctionDirectory::subscriptions)
                    .description("Auction subscriptions")
                    .register(meters);
        };
    }

    @Bean
    WebSocketConfigurer auctionEndpoint(AuctionWebSocketHandler handler) {
        // Same origin is always allowed; clients without an Origin header (not browsers) too.
        return registry -> registry.addHandler(handler, "/ws")
                .setAllowedOrigins(gateway.allowedOrigins().toArray(new String[0]));
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        container.setAsyncSendTimeout(gateway.sendTimeLimit().toMillis());
        return container;
    }

    @Bean
    TomcatConnectorCustomizer smallSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
        };
    }

    /** On shutdown, closes every socket with "going away" before the server stops, so clients reconnect elsewhere. */
    @Bean
    SmartLifecycle closeSocketsOnShutdown(AuctionWebSocketHandler handler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                handler.closeAll();
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
