package dev.gavel.gateway.testing;

import dev.gavel.gateway.threads.Scheduler;
import java.util.ArrayList;
import java.util.List;

/** Keeps the tasks it is given until the test runs them, so that a test decides when "later" is. */
public final class ManualScheduler implements Scheduler {

    public record Task(Runnable task, long delayMillis) {}

    private final List<Task> tasks = new ArrayList<>();

    @Override
    public void schedule(Runnable task, long delayMillis) {
        tasks.add(new Task(task, delayMillis));
    }

    /** The tasks scheduled and not run yet, oldest first. */
    public List<Task> tasks() {
        return List.copyOf(tasks);
    }

    /** Runs every task scheduled so far (not those they schedule). */
    public void runAll() {
        List<Task> due = List.copyOf(tasks);
        tasks.clear();
        due.forEach(task -> task.task().run());
    }
}
