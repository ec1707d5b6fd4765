package dev.gavel.kafka.streams;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names Kafka Streams gives a stream thread's clients under {@code exactly_once_v2}, when {@code client.id} is
 * left to its default: the consumer is {@code <application.id>-<process id>-StreamThread-<n>-consumer} and the
 * producer's transactional id {@code <application.id>-<process id>-<n>}. A thread's group membership and its
 * transactions can so be matched by name.
 */
final class StreamThreadIds {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final Pattern transactionalId;
    private final Pattern consumerClientId;

    StreamThreadIds(String applicationId) {
        String app = Pattern.quote(applicationId);
        this.transactionalId = Pattern.compile(app + "-(" + UUID + ")-(\\d+)");
        this.consumerClientId = Pattern.compile(app + "-(" + UUID + ")-StreamThread-(\\d+)-consumer");
    }

    /** The pattern of this application's stream threads' transactional ids, as a regular expression. */
    String transactionalIdPattern() {
        return transactionalId.pattern();
    }

    /** The transactional id of the thread whose consumer has this client id, if it is one of this application's. */
    Optional<String> transactionalIdOf(String consumerClientId) {
        Matcher matcher = this.consumerClientId.matcher(consumerClientId);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String applicationPrefix = consumerClientId.substring(0, matcher.start(1));
        return Optional.of(applicationPrefix + matcher.group(1) + "-" + matcher.group(2));
    }

    /**
     * The transactions to fence: those open of this application's stream threads whose consumer is no longer a member
     * of the group. Transactional ids that are not a stream thread's are never chosen.
     */
    List<String> departed(Collection<String> openTransactionalIds, Collection<String> memberClientIds) {
        Set<String> live = new HashSet<>();
        memberClientIds.forEach(clientId -> transactionalIdOf(clientId).ifPresent(live::add));
        return openTransactionalIds.stream()
                .filter(id -> transactionalId.matcher(id).matches())
                .filter(id -> !live.contains(id))
                .sorted()
                .toList();
    }
}
