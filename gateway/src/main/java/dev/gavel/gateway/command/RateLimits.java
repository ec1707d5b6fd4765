package dev.gavel.gateway.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Token buckets: one per user for commands (however many connections they open), one per connection for messages
 * of any kind.
 */
public final class RateLimits {

    private final int commandsPerSecond;
    private final int commandBurst;
    private final int messagesPerSecond;
    private final int messageBurst;
    private final Cache<String, Bucket> commandBuckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(1_000_000)
            .build();

    public RateLimits(int commandsPerSecond, int commandBurst, int messagesPerSecond, int messageBurst) {
        this.commandsPerSecond = commandsPerSecond;
        this.commandBurst = commandBurst;
        this.messagesPerSecond = messagesPerSecond;
        this.messageBurst = messageBurst;
    }

    public boolean tryCommand(String userId) {
        return commandBuckets
                .get(userId, id -> bucket(commandBurst, commandsPerSecond))
                .tryConsume(1);
    }

    public Bucket newSessionLimit() {
        return bucket(messageBurst, messagesPerSecond);
    }

    private static Bucket bucket(int burst, int perSecond) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }
}
