package dev.gavel.loadgen.scenario;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a run sends its load and keeps its scratch state.
 *
 * @param runId unique per run: it names every topic, application id and user the run creates
 * @param gatewayUri the gateway's HTTP address
 * @param gatewayManagementUri the gateway's management address, for its metrics
 * @param processorUri the bid processor's HTTP address, for its metrics
 * @param bootstrap the Kafka broker
 * @param scratch a directory for Kafka Streams state, deleted afterwards
 * @param ioThreads threads that handle all the load generator's WebSockets
 */
public record RunContext(
        String runId,
        String startedAt,
        String gatewayUri,
        URI gatewayManagementUri,
        URI processorUri,
        String bootstrap,
        Path scratch,
        int ioThreads) {

    /** What the names of the topics and Streams application ids a scenario creates in this run start with. */
    public String topicPrefix(String scenario) {
        return "bench-" + runId + "-" + scenario + "-";
    }
}
