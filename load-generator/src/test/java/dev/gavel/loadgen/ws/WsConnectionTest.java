package dev.gavel.loadgen.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator's WebSocket client against a small WebSocket server on loopback. */
class WsConnectionTest {

    private static final String TOKEN = "t0k3n";

    private final EventLoopGroup serverLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
    private final Queue<String> received = new ConcurrentLinkedQueue<>();
    private volatile Channel serverSide;
    private Gateway gateway;
    private final Recorder handler = new Recorder();

    @BeforeEach
    void startServer() throws InterruptedException {
        Channel server = new ServerBootstrap()
                .group(serverLoop)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(
                                        new HttpServerCodec(),
                                        new HttpObjectAggregator(8192),
                                        new Doorman(),
                                        new WebSocketServerProtocolHandler("/ws"),
                                        new Peer());
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        gateway = new Gateway("http://127.0.0.1:" + port, 1);
    }

    @AfterEach
    void stop() {
        gateway.close();
        serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void signsInWithTheBearerToken() {
        connect();

        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
    }

    @Test
    void readsEachMessageAsItsFramesInOrder() {
        connect();

        serverSide.writeAndFlush(new TextWebSocketFrame("{\"type\":\"events\",\"auctionId\":\"a-1\",\"events\":["
                + "{\"type\":\"bid-updated\",\"auctionId\":\"a-1\",\"seq\":7,\"currentBid\":12.5,\"serverTime\":1},"
                + "{\"type\":\"auction-extended\",\"auctionId\":\"a-1\",\"seq\":8,\"endsAt\":9,\"serverTime\":1}],"
                + "\"serverTime\":2}"));
        serverSide.writeAndFlush(new TextWebSocketFrame(
                "{\"type\":\"auction-state\",\"auctionId\":\"a-1\",\"seq\":9,\"currentBid\":13}"));

        await().until(() -> handler.frames.size() == 3);
        assertThat(handler.frames).extracting(Frame::seq).containsExactly(7L, 8L, 9L);
        assertThat(handler.frames).extracting(Frame::currentBidCents).containsExactly(1_250L, -1L, 1_300L);
    }

    @Test
    void sendsMessagesInTheOrderTheyWereQueued() {
        WsConnection connection = connect();
        List<String> messages = IntStream.range(0, 200)
                .mapToObj(i -> "{\"type\":\"ping\",\"requestId\":\"p" + i + "\"}")
                .toList();

        messages.forEach(connection::send);

        await().until(() -> received.size() == messages.size());
        assertThat(received).containsExactlyElementsOf(messages);
    }

    @Test
    void handsOnAMessageItCannotReadWithItsText() {
        connect();

        serverSide.writeAndFlush(new TextWebSocketFrame("{\"seq\":1}"));

        await().until(() -> !handler.unreadable.isEmpty());
        assertThat(handler.unreadable).containsExactly("{\"seq\":1}: no type");
    }

    @Test
    void reportsACloseByTheServerWithItsCodeAndReason() {
        connect();

        serverSide.writeAndFlush(new CloseWebSocketFrame(4002, "slow consumer"));

        await().until(() -> !handler.lost.isEmpty());
        assertThat(handler.lost).containsExactly("closed by the server with 4002 slow consumer");
    }

    @Test
    void aCloseItAskedForIsNotALoss() {
        WsConnection connection = connect();

        connection.close().join();

        assertThat(serverSide.closeFuture().awaitUninterruptibly(5_000)).isTrue();
        assertThat(handler.lost).isEmpty();
    }

    @Test
    void aRefusedUpgradeFailsTheConnecting() {
        List<Gateway.User> stranger = List.of(new Gateway.User("wrong", "u-2", "eve"));

        assertThatThrownBy(() -> gateway.connect("c", stranger, i -> handler))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("opened 0 of 1 WebSockets")
                .hasMessageContaining("401");
    }

    private WsConnection connect() {
        List<WsConnection> connections =
                gateway.connect("c", List.of(new Gateway.User(TOKEN, "u-1", "ann")), i -> handler);
        await().until(() -> serverSide != null);
        return connections.get(0);
    }

    /** Refuses an upgrade without the token, as the gateway does, and records the ones it lets through. */
    private final class Doorman extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof FullHttpRequest request) {
                String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
                if (!("Bearer " + TOKEN).equals(authorization)) {
                    request.release();
                    DefaultFullHttpResponse refusal =
                            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED);
                    refusal.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                    ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                authorizations.add(authorization);
            }
            ctx.fireChannelRead(message);
        }
    }

    /** The server's end of an upgraded connection: records what it reads. */
    private final class Peer extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                serverSide = ctx.channel();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof TextWebSocketFrame text) {
                received.add(text.text());
            }
            ReferenceCountUtil.release(message);
        }
    }

    private static final class Recorder implements WsConnection.Handler {
        final Queue<Frame> frames = new ConcurrentLinkedQueue<>();
        final Queue<String> unreadable = new ConcurrentLinkedQueue<>();
        final Queue<String> lost = new ConcurrentLinkedQueue<>();

        @Override
        public void onFrame(WsConnection connection, Frame frame, long receivedNanos) {
            frames.add(frame);
        }

        @Override
        public void onUnreadable(WsConnection connection, String text, String problem) {
            unreadable.add(text + ": " + problem);
        }

        @Override
        public void onLost(WsConnection connection, String why) {
            lost.add(why);
        }
    }
}
