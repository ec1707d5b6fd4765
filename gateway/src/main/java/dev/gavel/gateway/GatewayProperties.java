package dev.gavel.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the real-time front door ({@code gavel.gateway.*}, or {@code GAVEL_GATEWAY_*} in the environment).
 *
 * @param allowedOrigins origins besides the gateway's own that may open a WebSocket (browser pages elsewhere)
 * @param maxFrameSize the largest text frame a client may send
 * @param replyTimeout how long a command waits for its outcome before it is answered {@code TIMEOUT}
 * @param sendTimeLimit how long one frame may take to reach a client before it is dropped as too slow
 * @param sendQueueLimit how many frames may wait for a client before it is dropped as too slow
 * @param conflateAfter how long ago the frame being written to a client may have been queued before the client is
 *     sent only the latest state of each auction instead of every event
 * @param streamFrameInterval the shortest time between two frames of one auction's stream to a subscriber: events
 *     that come faster go out together in one {@code events} frame; zero sends each event in a frame of its own
 * @param streamFramesPerSecond the most frames a second one auction's stream is written to its subscribers of every
 *     event: an auction with more of them than this budget allows at {@code streamFrameInterval} gets a longer
 *     interval, its events in fewer, larger frames. Each frame is a socket write per viewer, the gateway's largest
 *     cost: on two cores, 50,000 a second left every viewer seconds behind, 20,000 within half a second (ADR 9)
 * @param replayBufferSize how many recent events per auction are kept to resume subscribers without a snapshot
 * @param endedAuctionTtl how long an ended auction stays in the gateway's directory
 * @param unknownAuctionWait how long a subscription to an auction not known yet waits for it to appear (another
 *     instance may have announced it a moment earlier)
 * @param maxConnectionsPerUser open WebSockets allowed per signed-in user
 * @param commandsPerSecond sustained commands per user; {@code commandBurst} may come at once
 * @param messagesPerSecond sustained messages of any kind per connection; {@code messageBurst} may come at once
 * @param watermarkInterval how often this instance announces its progress to every partition of the command log, so
 *     that the processor knows it is alive (ADR 13)
 * @param closingWatermarkInterval how often it looks whether it has passed the end of an auction, and then tells that
 *     auction's partition once: an ending is decided this long at most after every instance passed it
 */
@ConfigurationProperties("gavel.gateway")
public record GatewayProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("8KB") DataSize maxFrameSize,
        @DefaultValue("10s") Duration replyTimeout,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("2000") int sendQueueLimit,
        @DefaultValue("250ms") Duration conflateAfter,
        @DefaultValue("100ms") Duration streamFrameInterval,
        @DefaultValue("20000") int streamFramesPerSecond,
        @DefaultValue("256") int replayBufferSize,
        @DefaultValue("10m") Duration endedAuctionTtl,
        @DefaultValue("2s") Duration unknownAuctionWait,
        @DefaultValue("10") int maxConnectionsPerUser,
        @DefaultValue("20") int commandsPerSecond,
        @DefaultValue("40") int commandBurst,
        @DefaultValue("50") int messagesPerSecond,
        @DefaultValue("100") int messageBurst,
        @DefaultValue("250ms") Duration watermarkInterval,
        @DefaultValue("20ms") Duration closingWatermarkInterval) {

    public GatewayProperties {
        requirePositive("max-frame-size", maxFrameSize.toBytes());
        requirePositive("reply-timeout", replyTimeout.toMillis());
        requirePositive("send-time-limit", sendTimeLimit.toMillis());
        requirePositive("send-queue-limit", sendQueueLimit);
        requirePositive("conflate-after", conflateAfter.toMillis());
        if (streamFrameInterval.isNegative()) {
            throw new IllegalArgumentException("gavel.gateway.stream-frame-interval must not be negative");
        }
        requirePositive("stream-frames-per-second", streamFramesPerSecond);
        requirePositive("replay-buffer-size", replayBufferSize);
        requirePositive("ended-auction-ttl", endedAuctionTtl.toMillis());
        if (unknownAuctionWait.isNegative()) {
            throw new IllegalArgumentException("gavel.gateway.unknown-auction-wait must not be negative");
        }
        requirePositive("max-connections-per-user", maxConnectionsPerUser);
        requirePositive("commands-per-second", commandsPerSecond);
        requirePositive("command-burst", commandBurst);
        requirePositive("messages-per-second", messagesPerSecond);
        requirePositive("message-burst", messageBurst);
        requirePositive("watermark-interval", watermarkInterval.toMillis());
        requirePositive("closing-watermark-interval", closingWatermarkInterval.toMillis());
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("gavel.gateway." + name + " must be positive, got " + value);
        }
    }
}
