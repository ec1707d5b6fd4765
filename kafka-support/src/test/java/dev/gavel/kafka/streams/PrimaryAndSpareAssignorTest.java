package dev.gavel.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.AssignmentConfigs;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsState;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskAssignmentUtils;
import org.apache.kafka.streams.processor.assignment.TaskAssignor;
import org.apache.kafka.streams.processor.assignment.TaskInfo;
import org.apache.kafka.streams.processor.assignment.TaskTopicPartition;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * The single node's processor and its spare: one instance runs every task, the other keeps warm copies of the stores,
 * and an assignment moves tasks only when the instance running them has left.
 */
class PrimaryAndSpareAssignorTest {

    private static final TaskId AUCTIONS_0 = new TaskId(0, 0);
    private static final TaskId AUCTIONS_1 = new TaskId(0, 1);
    private static final TaskId SHOWS_0 = new TaskId(1, 0);
    private static final TaskId STATELESS_0 = new TaskId(2, 0);

    private static final ProcessId FIRST = new ProcessId(new UUID(0, 1));
    private static final ProcessId SECOND = new ProcessId(new UUID(0, 2));

    @Test
    void aSpareThatJoinsMovesNoTaskFromThePrimary() {
        Application application = new Application(1)
                .instance(SECOND, List.of(AUCTIONS_0, AUCTIONS_1, SHOWS_0, STATELESS_0), List.of())
                .instance(FIRST, List.of(), List.of());

        Map<ProcessId, KafkaStreamsAssignment> assignment = application.assign();

        assertThat(active(assignment, SECOND)).containsExactlyInAnyOrder(AUCTIONS_0, AUCTIONS_1, SHOWS_0, STATELESS_0);
        assertThat(active(assignment, FIRST)).isEmpty();
    }

    @Test
    void theSpareHoldsAStandbyOfEveryStatefulTask() {
        Application application = new Application(1)
                .instance(FIRST, List.of(AUCTIONS_0, AUCTIONS_1, SHOWS_0, STATELESS_0), List.of())
                .instance(SECOND, List.of(), List.of());

        Map<ProcessId, KafkaStreamsAssignment> assignment = application.assign();

        assertThat(standby(assignment, SECOND)).containsExactlyInAnyOrder(AUCTIONS_0, AUCTIONS_1, SHOWS_0);
        assertThat(standby(assignment, FIRST)).isEmpty();
    }

    @Test
    void theSpareTakesEveryTaskOverWhenThePrimaryHasLeft() {
        Application application =
                new Application(1).instance(SECOND, List.of(), List.of(AUCTIONS_0, AUCTIONS_1, SHOWS_0));

        Map<ProcessId, KafkaStreamsAssignment> assignment = application.assign();

        assertThat(active(assignment, SECOND)).containsExactlyInAnyOrder(AUCTIONS_0, AUCTIONS_1, SHOWS_0, STATELESS_0);
        assertThat(standby(assignment, SECOND)).isEmpty();
    }

    @Test
    void aPrimaryThatComesBackAfterItsSpareTookOverStaysTheSpare() {
        // A crashed or frozen primary rejoins with nothing, or with the standbys it was given after the takeover.
        Application application = new Application(1)
                .instance(FIRST, List.of(), List.of(AUCTIONS_0, AUCTIONS_1, SHOWS_0))
                .instance(SECOND, List.of(AUCTIONS_0, AUCTIONS_1, SHOWS_0, STATELESS_0), List.of());

        Map<ProcessId, KafkaStreamsAssignment> assignment = application.assign();

        assertThat(active(assignment, SECOND)).containsExactlyInAnyOrder(AUCTIONS_0, AUCTIONS_1, SHOWS_0, STATELESS_0);
        assertThat(active(assignment, FIRST)).isEmpty();
    }

    @Test
    void ofTwoSparesTheOneWithMoreStandbysTakesOver() {
        Application application = new Application(1)
                .instance(FIRST, List.of(), List.of(AUCTIONS_0))
                .instance(SECOND, List.of(), List.of(AUCTIONS_0, AUCTIONS_1, SHOWS_0));

        assertThat(active(application.assign(), SECOND)).hasSize(4);
    }

    @Test
    void aFreshStartGivesEveryTaskToTheLowestProcessId() {
        Application application =
                new Application(1).instance(SECOND, List.of(), List.of()).instance(FIRST, List.of(), List.of());

        assertThat(active(application.assign(), FIRST)).hasSize(4);
    }

    @Test
    void aLoneInstanceRunsEveryTaskWithoutStandbys() {
        Application application = new Application(1).instance(FIRST, List.of(), List.of());

        Map<ProcessId, KafkaStreamsAssignment> assignment = application.assign();

        assertThat(active(assignment, FIRST)).hasSize(4);
        assertThat(standby(assignment, FIRST)).isEmpty();
    }

    @Test
    void withoutStandbyReplicasTheSpareIsGivenNothing() {
        Application application = new Application(0)
                .instance(FIRST, List.of(AUCTIONS_0, AUCTIONS_1, SHOWS_0, STATELESS_0), List.of())
                .instance(SECOND, List.of(), List.of());

        Map<ProcessId, KafkaStreamsAssignment> assignment = application.assign();

        assertThat(assignment.get(SECOND).tasks()).isEmpty();
    }

    @Test
    void theAssignmentIsOneStreamsAccepts() {
        Application application = new Application(1)
                .instance(FIRST, List.of(AUCTIONS_0, AUCTIONS_1, SHOWS_0, STATELESS_0), List.of())
                .instance(SECOND, List.of(), List.of());

        TaskAssignor.TaskAssignment assignment = new PrimaryAndSpareAssignor().assign(application);

        assertThat(TaskAssignmentUtils.validateTaskAssignment(application, assignment))
                .isEqualTo(TaskAssignor.AssignmentError.NONE);
    }

    private static Set<TaskId> active(Map<ProcessId, KafkaStreamsAssignment> assignment, ProcessId instance) {
        return tasks(assignment, instance, AssignedTask.Type.ACTIVE);
    }

    private static Set<TaskId> standby(Map<ProcessId, KafkaStreamsAssignment> assignment, ProcessId instance) {
        return tasks(assignment, instance, AssignedTask.Type.STANDBY);
    }

    private static Set<TaskId> tasks(
            Map<ProcessId, KafkaStreamsAssignment> assignment, ProcessId instance, AssignedTask.Type type) {
        return assignment.get(instance).tasks().values().stream()
                .filter(task -> task.type() == type)
                .map(AssignedTask::id)
                .collect(Collectors.toSet());
    }

    /** Three stateful tasks (a changelog each) and a stateless one, and the instances of the group. */
    private static final class Application implements ApplicationState {

        private final int standbyReplicas;
        private final Map<ProcessId, KafkaStreamsState> instances = new LinkedHashMap<>();

        Application(int standbyReplicas) {
            this.standbyReplicas = standbyReplicas;
        }

        Application instance(ProcessId id, Collection<TaskId> active, Collection<TaskId> standby) {
            instances.put(id, new Instance(id, new TreeSet<>(active), new TreeSet<>(standby)));
            return this;
        }

        Map<ProcessId, KafkaStreamsAssignment> assign() {
            return new PrimaryAndSpareAssignor()
                    .assign(this).assignment().stream()
                            .collect(Collectors.toMap(KafkaStreamsAssignment::processId, a -> a));
        }

        @Override
        public Map<ProcessId, KafkaStreamsState> kafkaStreamsStates(boolean computeTaskLags) {
            return instances;
        }

        @Override
        public AssignmentConfigs assignmentConfigs() {
            return new AssignmentConfigs(10_000L, 2, standbyReplicas, 600_000L, List.of());
        }

        @Override
        public Map<TaskId, TaskInfo> allTasks() {
            Map<TaskId, TaskInfo> tasks = new LinkedHashMap<>();
            for (TaskId task : Arrays.asList(AUCTIONS_0, AUCTIONS_1, SHOWS_0)) {
                tasks.put(task, new Task(task, true));
            }
            tasks.put(STATELESS_0, new Task(STATELESS_0, false));
            return tasks;
        }
    }

    private record Task(TaskId id, boolean isStateful) implements TaskInfo {

        @Override
        public Set<String> stateStoreNames() {
            return isStateful ? Set.of("store-" + id.subtopology()) : Set.of();
        }

        @Override
        public Set<TaskTopicPartition> topicPartitions() {
            Set<TaskTopicPartition> partitions = new java.util.HashSet<>();
            partitions.add(new Partition(new TopicPartition("source-" + id.subtopology(), id.partition()), true));
            if (isStateful) {
                partitions.add(
                        new Partition(new TopicPartition("changelog-" + id.subtopology(), id.partition()), false));
            }
            return partitions;
        }
    }

    private record Partition(TopicPartition topicPartition, boolean isSource) implements TaskTopicPartition {

        @Override
        public boolean isChangelog() {
            return !isSource;
        }

        @Override
        public Optional<Set<String>> rackIds() {
            return Optional.empty();
        }
    }

    private record Instance(
            ProcessId processId, SortedSet<TaskId> previousActiveTasks, SortedSet<TaskId> previousStandbyTasks)
            implements KafkaStreamsState {

        @Override
        public int numProcessingThreads() {
            return 1;
        }

        @Override
        public SortedSet<String> consumerClientIds() {
            return new TreeSet<>(Set.of(processId + "-StreamThread-1-consumer"));
        }

        @Override
        public long lagFor(TaskId task) {
            throw new UnsupportedOperationException("lags are not computed");
        }

        @Override
        public SortedSet<TaskId> prevTasksByLag(String consumerClientId) {
            throw new UnsupportedOperationException("lags are not computed");
        }

        @Override
        public Map<TaskId, Long> statefulTasksToLagSums() {
            throw new UnsupportedOperationException("lags are not computed");
        }

        @Override
        public Optional<HostInfo> hostInfo() {
            return Optional.empty();
        }

        @Override
        public Map<String, String> clientTags() {
            return Map.of();
        }

        @Override
        public Optional<String> rackId() {
            return Optional.empty();
        }
    }
}
