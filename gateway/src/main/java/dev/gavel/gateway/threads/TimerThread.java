package dev.gavel.gateway.threads;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that runs tasks after a delay, stopped when the application context closes. Not a Spring
 * scheduler bean on purpose: a {@code TaskScheduler} or {@code ScheduledExecutorService} bean would take over the
 * {@code @Scheduled} housekeeping, and the tasks given here must not wait behind it.
 */
public final class TimerThread implements Scheduler, AutoCloseable {

    private final ScheduledExecutorService thread;

    public TimerThread(String name) {
        this.thread = Executors.newSingleThreadScheduledExecutor(WorkerThreads.daemons(name));
    }

    @Override
    public void schedule(Runnable task, long delayMillis) {
        thread.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
