package dev.gavel.gateway.session;

import dev.gavel.gateway.GatewayProperties;
import dev.gavel.gateway.auction.AuctionDirectory;
import dev.gavel.gateway.auction.StatsBoard;
import dev.gavel.gateway.command.CommandService;
import dev.gavel.gateway.command.RateLimits;
import dev.gavel.gateway.command.Replies;
import dev.gavel.gateway.protocol.FrameWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

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

    private final AuctionWebSocketHandler handler;
    private final GatewayProperties gateway;

    WebSocketConfiguration(
            AuctionDirectory directory,
            StatsBoard stats,
            CommandService commands,
            FrameWriter frames,
            Replies replies,
            RateLimits limits,
            GatewayProperties gateway,
            Clock clock,
            MeterRegistry meters) {
        this.handler = new AuctionWebSocketHandler(
                directory, stats, commands, frames, replies, limits, gateway, clock, meters);
        this.gateway = gateway;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Same origin is always allowed; clients without an Origin header (not browsers) too.
        registry.addHandler(handler, "/ws")
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
    SmartLifecycle closeSocketsOnShutdown() {
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
