package dev.gavel.kafka.streams;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.StreamsGroupMemberDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Aborts the open transaction of a stream thread as soon as its instance has left the group, instead of when the
 * transaction times out.
 *
 * <p>Under exactly-once, a process that dies (or freezes) in the middle of a transaction leaves it open, and an open
 * transaction holds back the last stable offset of every partition it wrote to: read_committed readers, the instance
 * that takes the tasks over among them, see nothing beyond it until the transaction is aborted. Kafka aborts it
 * only when the same transactional id is initialised again (the instance restarts) or when it times out
 * ({@code transaction.timeout.ms} plus the broker's sweep interval). The group notices a dead member much sooner
 * (its session timeout): from then on its transaction can only ever be aborted, so every instance checks, every
 * {@code interval}, for transactions of the application's stream threads open longer than {@code minAge} whose
 * thread is not a member of the group, and fences them ({@code Admin.fenceProducers}), which aborts them.
 *
 * <p>Transactions are listed before the group is described: a thread that joins after the listing begins its
 * transactions after it, so none of them can be mistaken for a departed one's.
 */
public class DepartedMemberFencing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DepartedMemberFencing.class);

    private final StreamsBuilderFactoryBean factory;
    private final Map<String, Object> adminConfig;
    private final Duration interval;
    private final Duration minAge;
    private volatile ScheduledExecutorService scheduler;
    private volatile Admin admin;

    public DepartedMemberFencing(
            StreamsBuilderFactoryBean factory, Map<String, Object> adminConfig, Duration interval, Duration minAge) {
        this.factory = factory;
        this.adminConfig = adminConfig;
        this.interval = interval;
        this.minAge = minAge;
    }

    @Override
    public void start() {
        admin = Admin.create(adminConfig);
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "departed-member-fencing");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                this::checkSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(5));
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** After the streams have started (their phase), before they stop. */
    @Override
    public int getPhase() {
        return factory.getPhase() + 1;
    }

    private void checkSafely() {
        try {
            check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // The next check tries again: a broker may be failing over.
            log.debug("Could not check for the transactions of departed stream threads", e);
        }
    }

    /** One check: fences what departed threads left open, if anything. */
    void check() throws InterruptedException, ExecutionException, TimeoutException {
        KafkaStreams streams = factory.getKafkaStreams();
        if (streams == null
                || (streams.state() != KafkaStreams.State.RUNNING
                        && streams.state() != KafkaStreams.State.REBALANCING)) {
            return;
        }
        Properties config = factory.getStreamsConfiguration();
        String applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        StreamThreadIds ids = new StreamThreadIds(applicationId);
        long timeout = Math.max(1_000, interval.toMillis() * 4);
        Collection<TransactionListing> open = admin.listTransactions(new ListTransactionsOptions()
                        .filterStates(List.of(TransactionState.ONGOING))
                        .filterOnDuration(minAge.toMillis())
                        .filterOnTransactionalIdPattern(ids.transactionalIdPattern()))
                .all()
                .get(timeout, TimeUnit.MILLISECONDS);
        if (open.isEmpty()) {
            return;
        }
        List<String> members = memberClientIds(applicationId, config, timeout);
        List<String> local = streams.metadataForLocalThreads().stream()
                .map(ThreadMetadata::consumerClientId)
                .toList();
        if (!members.containsAll(local)
                || local.stream().anyMatch(id -> ids.transactionalIdOf(id).isEmpty())) {
            // A description that does not show this very instance is stale or partial, and threads named otherwise
            // (a client.id of its own) cannot be matched with their transactions: don't act on either.
            return;
        }
        List<String> departed = ids.departed(
                open.stream().map(TransactionListing::transactionalId).toList(), members);
        if (departed.isEmpty()) {
            return;
        }
        admin.fenceProducers(departed).all().get(timeout, TimeUnit.MILLISECONDS);
        log.warn(
                "Fenced {}: open for more than {} ms, and their stream threads have left the group {}",
                departed,
                minAge.toMillis(),
                applicationId);
    }

    private List<String> memberClientIds(String groupId, Properties config, long timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if ("streams".equalsIgnoreCase(config.getProperty(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic"))) {
            StreamsGroupDescription group = admin.describeStreamsGroups(List.of(groupId))
                    .describedGroups()
                    .get(groupId)
                    .get(timeout, TimeUnit.MILLISECONDS);
            return group.members().stream()
                    .map(StreamsGroupMemberDescription::clientId)
                    .toList();
        }
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId))
                .describedGroups()
                .get(groupId)
                .get(timeout, TimeUnit.MILLISECONDS);
        return group.members().stream().map(MemberDescription::clientId).toList();
    }
}
