package dev.gavel.kafka.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.InitializingBean;

/**
 * Where services may not create topics ({@code gavel.topics.create=false}): stops the service at startup, naming them,
 * if any of the contract's topics is missing, cannot be described by this service, or has other partitions than
 * {@code gavel.topics.partitions}.
 */
public class TopicsCheck implements InitializingBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<NewTopic> expected;
    private final Map<String, Object> adminConfig;

    public TopicsCheck(NewTopic[] expected, Map<String, Object> adminConfig) {
        this.expected = Arrays.asList(expected);
        this.adminConfig = adminConfig;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("gavel.topics.create is false and the topics are not as this service needs"
                    + " them: " + String.join("; ", problems));
        }
    }

    List<String> problems() throws InterruptedException {
        List<String> missing = new ArrayList<>();
        List<String> unauthorized = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Admin admin = Admin.create(adminConfig)) {
            Map<String, ? extends Future<TopicDescription>> described = admin.describeTopics(
                            expected.stream().map(NewTopic::name).toList())
                    .topicNameValues();
            for (NewTopic topic : expected) {
                try {
                    int partitions = described
                            .get(topic.name())
                            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .partitions()
                            .size();
                    if (partitions != topic.numPartitions()) {
                        problems.add(topic.name() + " has " + partitions + " partitions, gavel.topics.partitions says "
                                + topic.numPartitions());
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        missing.add(topic.name());
                    } else if (e.getCause() instanceof TopicAuthorizationException) {
                        unauthorized.add(topic.name());
                    } else {
                        problems.add(topic.name() + " could not be described: " + e.getCause());
                    }
                } catch (TimeoutException e) {
                    problems.add(topic.name() + " could not be described within " + TIMEOUT.toSeconds() + " s");
                }
            }
        }
        if (!unauthorized.isEmpty()) {
            problems.add(0, "not authorized to describe " + unauthorized + " (DESCRIBE on these topics is missing)");
        }
        if (!missing.isEmpty()) {
            problems.add(0, "missing " + missing + " (create them first: docs/operations.md, Securing Kafka)");
        }
        return problems;
    }
}
