package dev.gavel.kafka.streams;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsState;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskAssignmentUtils;
import org.apache.kafka.streams.processor.assignment.TaskAssignor;

/**
 * Every task active on one instance, the primary; the others hold standby copies only (as many as {@code
 * num.standby.replicas} asks), ready to take over. For a deployment on one machine, where a second processor is a
 * spare rather than more capacity: one instance's transactions cover every partition, as with a single instance
 * (docs/adr/0002), and a crashed or frozen primary is replaced by a spare whose stores are warm, in about a session
 * timeout, instead of by a restart of the JVM.
 *
 * <p>The primary stays where it is: the instance that ran the most tasks before keeps them, so a spare that joins
 * (or comes back after a crash) moves nothing. Without one (the primary has left), the instance that held the most
 * standby tasks takes over; ties go to the lowest process id, so that every assignment of the same state is the same.
 * Set with {@code task.assignor.class}.
 */
public class PrimaryAndSpareAssignor implements TaskAssignor {

    @Override
    public TaskAssignment assign(ApplicationState application) {
        Map<ProcessId, KafkaStreamsState> instances = application.kafkaStreamsStates(false);
        ProcessId primary = primary(instances.values());
        Map<ProcessId, KafkaStreamsAssignment> assignments = new LinkedHashMap<>();
        for (ProcessId instance : instances.keySet()) {
            assignments.put(instance, KafkaStreamsAssignment.of(instance, new HashSet<>()));
        }
        for (TaskId task : application.allTasks().keySet()) {
            assignments.get(primary).assignTask(new AssignedTask(task, AssignedTask.Type.ACTIVE));
        }
        TaskAssignmentUtils.defaultStandbyTaskAssignment(application, assignments);
        return new TaskAssignment(assignments.values());
    }

    static ProcessId primary(Collection<KafkaStreamsState> instances) {
        return instances.stream()
                .min(Comparator.comparingInt((KafkaStreamsState instance) ->
                                -instance.previousActiveTasks().size())
                        .thenComparingInt(
                                instance -> -instance.previousStandbyTasks().size())
                        .thenComparing(KafkaStreamsState::processId))
                .map(KafkaStreamsState::processId)
                .orElseThrow(() -> new IllegalStateException("no instance to assign tasks to"));
    }
}
