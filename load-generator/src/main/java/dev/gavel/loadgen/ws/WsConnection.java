package dev.gavel.loadgen.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One client WebSocket, on Netty: thousands of them share the load generator's few event-loop threads, and each
 * message is read from the bytes it came in, never decoded to a string. The load generator runs on the same cores as
 * the system it measures, so what a message costs it is taken from the gateway: with the JDK's WebSocket client, 5,000
 * viewers took 0.9 cores to read 50,000 messages a second. Sends never block the caller: Netty queues them on the
 * connection, so the queueing delay a slow socket causes is part of the latency measured from the intended send time.
 */
public final class WsConnection {

    /** Told about everything a connection receives, on its event-loop thread, in the order it arrived. */
    public interface Handler {
        void onFrame(WsConnection connection, Frame frame, long receivedNanos);

        void onUnreadable(WsConnection connection, String text, String problem);

        /** The connection closed or failed without the load generator asking for it. */
        void onLost(WsConnection connection, String why);
    }

    /** The largest message the load generator reads: far above anything the gateway sends. */
    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    /** A server that accepts the connection but never answers the upgrade must not hang the run. */
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;

    private final String name;
    private final Handler handler;
    private final CompletableFuture<WsConnection> opened = new CompletableFuture<>();
    private final ChannelFutureListener failedSend = sent -> {
        if (!sent.isSuccess()) {
            lost("a send failed: " + sent.cause());
        }
    };
    private volatile Channel channel;
    private volatile boolean closing;
    /** Set on the event loop once the loss of this connection was reported, so that it is reported once. */
    private boolean lostReported;

    private WsConnection(String name, Handler handler) {
        this.name = name;
        this.handler = handler;
    }

    /** Opens a WebSocket to {@code uri} with {@code bootstrap}'s event loops; completes once the upgrade is done. */
    static CompletableFuture<WsConnection> open(
            Bootstrap bootstrap, URI uri, String token, String name, Handler handler) {
        WsConnection connection = new WsConnection(name, handler);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .customHeaders(new DefaultHttpHeaders().add(HttpHeaderNames.AUTHORIZATION, "Bearer " + token))
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                // Close frames come to this class, which tells a close it asked for from one it did not.
                .handleCloseFrames(false)
                .build();
        bootstrap
                .clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connection.channel = channel;
                        channel.pipeline()
                                .addLast(
                                        new HttpClientCodec(),
                                        new HttpObjectAggregator(64 * 1024),
                                        new WebSocketClientProtocolHandler(config),
                                        new WebSocketFrameAggregator(MAX_MESSAGE_BYTES),
                                        connection.new Inbound());
                    }
                })
                .connect(uri.getHost(), uri.getPort())
                .addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        connection.opened.completeExceptionally(connected.cause());
                    }
                });
        return connection.opened;
    }

    public String name() {
        return name;
    }

    /** Queues a text message; it goes out once the ones before it have. */
    public void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text)).addListener(failedSend);
    }

    /** Closes the connection normally; what happens to it afterwards is not a failure. */
    public CompletableFuture<Void> close() {
        closing = true;
        Channel current = channel;
        CompletableFuture<Void> closed = new CompletableFuture<>();
        if (current == null || !current.isActive()) {
            closed.complete(null);
            return closed;
        }
        current.closeFuture().addListener(done -> closed.complete(null));
        // The server answers with its own close frame and closes the TCP connection (RFC 6455, 7.1.1).
        current.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "done"))
                .addListener((ChannelFutureListener) sent -> {
                    if (!sent.isSuccess()) {
                        sent.channel().close();
                    }
                });
        return closed;
    }

    public void abort() {
        closing = true;
        Channel current = channel;
        if (current != null) {
            current.close();
        }
    }

    private void lost(String why) {
        if (!closing && !lostReported) {
            lostReported = true;
            handler.onLost(this, why);
        }
    }

    /** What the connection receives, on its event loop. */
    private final class Inbound extends SimpleChannelInboundHandler<WebSocketFrame> {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                opened.complete(WsConnection.this);
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new IllegalStateException(
                        name + ": no answer to the upgrade within " + HANDSHAKE_TIMEOUT_MILLIS + " ms"));
                ctx.close();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            long received = System.nanoTime();
            if (frame instanceof TextWebSocketFrame) {
                read(frame.content(), received);
            } else if (frame instanceof CloseWebSocketFrame close) {
                lost("closed by the server with " + close.statusCode() + " " + close.reasonText());
                ctx.close();
            } else if (frame instanceof BinaryWebSocketFrame) {
                handler.onUnreadable(WsConnection.this, "(binary frame)", "the gateway sends text frames only");
            }
        }

        private void read(ByteBuf content, long received) {
            List<Frame> frames;
            try {
                frames = content.hasArray()
                        ? FrameParser.parse(
                                content.array(), content.arrayOffset() + content.readerIndex(), content.readableBytes())
                        : FrameParser.parse(ByteBufUtil.getBytes(content), 0, content.readableBytes());
            } catch (FrameParser.UnreadableFrame e) {
                handler.onUnreadable(WsConnection.this, content.toString(StandardCharsets.UTF_8), e.getMessage());
                return;
            }
            for (Frame frame : frames) {
                handler.onFrame(WsConnection.this, frame, received);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!opened.isDone()) {
                opened.completeExceptionally(cause);
            } else {
                lost("failed: " + cause);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!opened.isDone()) {
                opened.completeExceptionally(new IllegalStateException(name + ": closed before the upgrade"));
            } else {
                lost("the connection closed without a close frame");
            }
            super.channelInactive(ctx);
        }
    }
}
