package dev.gavel.gateway.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of daemon threads for short tasks, stopped when the application context closes. Not an
 * {@code Executor} bean on purpose: one would replace Spring Boot's own task executor.
 */
public final class WorkerThreads implements AutoCloseable {

    private final ExecutorService pool;

    public WorkerThreads(String name, int threads) {
        this.pool = Executors.newFixedThreadPool(threads, daemons(name));
    }

    public void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Threads named {@code name-1}, {@code name-2}, ...: they never keep the JVM from exiting. */
    static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
