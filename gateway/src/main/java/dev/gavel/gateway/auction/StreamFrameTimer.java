package dev.gavel.gateway.auction;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The thread that sends the events waiting for the next frame of their auction's stream. Not a Spring scheduler
 * bean on purpose: {@code @Scheduled} housekeeping would otherwise run on it.
 */
public final class StreamFrameTimer implements AuctionDirectory.Scheduler, AutoCloseable {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread timer = new Thread(task, "gavel-stream-frames");
        timer.setDaemon(true);
        return timer;
    });

    @Override
    public void schedule(Runnable task, long delayMillis) {
        thread.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
