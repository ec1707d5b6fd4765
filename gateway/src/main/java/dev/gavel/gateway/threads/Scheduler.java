package dev.gavel.gateway.threads;

/** Runs a task after a delay: a {@link TimerThread} in the gateway, by hand in tests. */
@FunctionalInterface
public interface Scheduler {

    void schedule(Runnable task, long delayMillis);
}
