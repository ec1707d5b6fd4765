package dev.gavel.systemtests.chaos;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.LogReader;
import dev.gavel.events.Money;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.Topics;
import dev.gavel.processor.reference.ReferenceAuctions;
import dev.gavel.systemtests.chaos.History.Result;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import tools.jackson.databind.JsonNode;

/**
 * Holds a chaos run's history against the committed logs (read_committed, from the beginning), like Kafka's
 * exactly-once system tests and Jepsen's checkers do:
 *
 * <ul>
 *   <li>every command a client saw decided has exactly one outcome in the log, the one the client was told;
 *   <li>no outcome refers to a command that was never written;
 *   <li>each auction's seq runs 1, 2, 3... with no gap or duplicate;
 *   <li>each ended auction has exactly one {@code auction-ended}, its last event, and prices only rise;
 *   <li>everything a client was shown is in the committed log (no aborted read reached a client), and a client's
 *       stream never skipped or repeated an event without a snapshot saying so;
 *   <li>the events equal those of an independent reference model of the rules run over the command log.
 * </ul>
 *
 * The shows of the run are held to the same standard by {@link ShowAudit}.
 */
final class LogAudit {

    /** The counts of a run; every one but the load figures must be zero. */
    record Findings(
            int commandsInLog,
            int commandsSent,
            int commandsDecided,
            int commandsUndecided,
            int eventsInLog,
            int auctions,
            int lost,
            int duplicated,
            int mismatched,
            int outcomesWithoutCommand,
            int seqGaps,
            int endingViolations,
            int priceDecreases,
            int abortedReads,
            int unannouncedGaps,
            int oracleMismatches,
            int onTimeBidsRefused,
            ShowAudit.Findings shows,
            List<String> examples) {

        boolean clean() {
            return lost
                                    + duplicated
                                    + mismatched
                                    + outcomesWithoutCommand
                                    + seqGaps
                                    + endingViolations
                                    + priceDecreases
                                    + abortedReads
                                    + unannouncedGaps
                                    + oracleMismatches
                                    + onTimeBidsRefused
                            == 0
                    && shows.clean();
        }
    }

    private final String bootstrapServers;
    private final List<String> examples = new ArrayList<>();

    LogAudit(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    private Map<String, Object> client() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    Findings audit(History history) {
        Map<String, List<AuctionCommand>> commands =
                LogReader.readByKey(client(), Topics.AUCTION_COMMANDS, JsonSerde.commands());
        Map<String, List<AuctionEvent>> events =
                LogReader.readByKey(client(), Topics.AUCTION_EVENTS, JsonSerde.events());
        Map<String, List<BidderNotice>> notices =
                LogReader.readByKey(client(), Topics.BID_REJECTIONS, JsonSerde.notices());

        Set<String> written = new HashSet<>();
        commands.values().forEach(list -> list.forEach(c -> written.add(c.commandId())));
        Map<String, List<AuctionEvent>> eventsByCommand = new HashMap<>();
        events.values()
                .forEach(list -> list.forEach(e -> eventsByCommand
                        .computeIfAbsent(e.commandId(), id -> new ArrayList<>())
                        .add(e)));
        Map<String, Set<BidderNotice>> originalNotices = new HashMap<>();
        notices.values()
                .forEach(list -> list.forEach(n -> {
                    if (n instanceof CommandRejected || !((CommandConfirmed) n).repeated()) {
                        originalNotices
                                .computeIfAbsent(n.commandId(), id -> new HashSet<>())
                                .add(n);
                    }
                }));

        int outcomesWithoutCommand = 0;
        for (String commandId : union(eventsByCommand.keySet(), originalNotices.keySet())) {
            if (!written.contains(commandId)) {
                outcomesWithoutCommand++;
                example("outcome for a command never written: " + commandId);
            }
        }

        int lost = 0;
        int duplicated = 0;
        int mismatched = 0;
        for (History.Command sent : history.commands()) {
            if (sent.result() == Result.UNKNOWN
                    || sent.commandId() == null
                    || !sent.kind().equals("place-bid")) {
                continue;
            }
            boolean publicOutcome = eventsByCommand.containsKey(sent.commandId());
            Set<BidderNotice> privateOutcomes = originalNotices.getOrDefault(sent.commandId(), Set.of());
            int outcomes = (publicOutcome ? 1 : 0) + privateOutcomes.size();
            if (outcomes == 0) {
                lost++;
                example("acknowledged but no outcome in the log: " + sent);
            } else if (outcomes > 1) {
                duplicated++;
                example("more than one outcome: " + sent + " -> " + privateOutcomes);
            } else if (!agrees(sent, publicOutcome, privateOutcomes)) {
                mismatched++;
                example("the client was told otherwise than the log: " + sent + " -> " + privateOutcomes);
            }
        }
        for (History.Command created : history.commands()) {
            if (created.kind().equals("create-auction") && created.result() == Result.ACCEPTED) {
                long creations = events.getOrDefault(created.subject(), List.of()).stream()
                        .filter(e -> e instanceof AuctionEvent.AuctionCreated)
                        .count();
                if (creations == 0) {
                    lost++;
                } else if (creations > 1) {
                    duplicated++;
                }
                if (creations != 1) {
                    example(creations + " creations in the log for " + created);
                }
            }
        }

        int seqGaps = 0;
        int endingViolations = 0;
        int priceDecreases = 0;
        Map<String, Map<Long, AuctionEvent>> bySeq = new HashMap<>();
        Map<String, Map<Long, AuctionView>> viewAt = new HashMap<>();
        for (Map.Entry<String, List<AuctionEvent>> auction : events.entrySet()) {
            List<AuctionEvent> auctionEvents = auction.getValue();
            Map<Long, AuctionEvent> indexed = new HashMap<>();
            Map<Long, AuctionView> views = new HashMap<>();
            AuctionView view = null;
            long lastPrice = -1;
            boolean ended = false;
            for (int i = 0; i < auctionEvents.size(); i++) {
                AuctionEvent event = auctionEvents.get(i);
                indexed.put(event.seq(), event);
                if (event.seq() != i + 1) {
                    seqGaps++;
                    example("auction " + auction.getKey() + ": event " + (i + 1) + " has seq " + event.seq());
                }
                if (ended) {
                    endingViolations++;
                    example("auction " + auction.getKey() + ": " + event.eventType() + " after its end");
                }
                if (event instanceof AuctionEvent.AuctionEnded) {
                    ended = true;
                }
                if (event instanceof AuctionEvent.BidPlaced bid) {
                    if (bid.currentBidCents() <= lastPrice) {
                        priceDecreases++;
                        example("auction " + auction.getKey() + ": price " + lastPrice + " then "
                                + bid.currentBidCents());
                    }
                    lastPrice = bid.currentBidCents();
                }
                view = event instanceof AuctionEvent.AuctionCreated created
                        ? created.auction()
                        : view == null ? null : view.apply(event);
                views.put(event.seq(), view);
            }
            bySeq.put(auction.getKey(), indexed);
            viewAt.put(auction.getKey(), views);
        }

        int abortedReads = 0;
        int unannouncedGaps = 0;
        Map<List<String>, Long> streamPosition = new HashMap<>();
        for (History.Seen seen : history.seen()) {
            List<String> stream = List.of(seen.client(), seen.auctionId());
            if (seen.snapshot()) {
                AuctionView committed =
                        viewAt.getOrDefault(seen.auctionId(), Map.of()).get(seen.seq());
                if (committed == null || !sameSnapshot(seen.message().path("auction"), committed)) {
                    abortedReads++;
                    example(seen.client() + " was shown a snapshot not in the log: " + seen.message());
                }
            } else {
                AuctionEvent committed =
                        bySeq.getOrDefault(seen.auctionId(), Map.of()).get(seen.seq());
                if (committed == null || !sameEvent(seen.message(), committed)) {
                    abortedReads++;
                    example(seen.client() + " was shown an event not in the log: " + seen.message());
                }
                Long previous = streamPosition.get(stream);
                if (previous != null && seen.seq() != previous + 1) {
                    unannouncedGaps++;
                    example(seen.client() + " went from seq " + previous + " to " + seen.seq() + " of "
                            + seen.auctionId() + " without a snapshot: " + seen.message());
                }
            }
            streamPosition.put(stream, seen.seq());
        }

        ShowAudit.Findings shows = new ShowAudit(client(), this::example).audit(history, commands, events);
        int oracleMismatches = oracle(commands, events);
        int onTimeBidsRefused = onTimeBidsRefused(commands, events, originalNotices);
        int sent = history.commands().size();
        int undecided = (int) history.commands().stream()
                .filter(c -> c.result() == Result.UNKNOWN)
                .count();
        return new Findings(
                commands.values().stream().mapToInt(List::size).sum(),
                sent,
                sent - undecided,
                undecided,
                events.values().stream().mapToInt(List::size).sum(),
                events.size(),
                lost,
                duplicated,
                mismatched,
                outcomesWithoutCommand,
                seqGaps,
                endingViolations,
                priceDecreases,
                abortedReads,
                unannouncedGaps,
                oracleMismatches,
                onTimeBidsRefused,
                shows,
                List.copyOf(examples));
    }

    /**
     * Bids received before their auction's end and in the log ahead of the command that ended it, yet refused as too
     * late: the close came before every gateway had written what it received in time.
     */
    private int onTimeBidsRefused(
            Map<String, List<AuctionCommand>> commands,
            Map<String, List<AuctionEvent>> events,
            Map<String, Set<BidderNotice>> notices) {
        int refused = 0;
        for (Map.Entry<String, List<AuctionEvent>> auction : events.entrySet()) {
            AuctionEvent.AuctionEnded ended = auction.getValue().stream()
                    .filter(AuctionEvent.AuctionEnded.class::isInstance)
                    .map(AuctionEvent.AuctionEnded.class::cast)
                    .findFirst()
                    .orElse(null);
            if (ended == null) {
                continue;
            }
            for (AuctionCommand command : commands.getOrDefault(auction.getKey(), List.of())) {
                // The command that ended it; an auction's closes share one id, and one before the end cannot end it.
                if (command.commandId().equals(ended.commandId())
                        && !(command instanceof AuctionCommand.CloseAuction close
                                && close.receivedAt().isBefore(ended.at()))) {
                    break;
                }
                if (command instanceof AuctionCommand.PlaceBid bid
                        && bid.receivedAt().isBefore(ended.at())
                        && notices.getOrDefault(bid.commandId(), Set.of()).stream()
                                .anyMatch(n -> n instanceof CommandRejected rejected
                                        && rejected.reason() == RejectionReason.AUCTION_ENDED)) {
                    refused++;
                    example("a bid received before the end and written before the close was refused as late: " + bid);
                }
            }
        }
        return refused;
    }

    /** Runs the reference model of the rules over each auction's commands and compares its events with the log's. */
    private int oracle(Map<String, List<AuctionCommand>> commands, Map<String, List<AuctionEvent>> events) {
        ReferenceAuctions reference = new ReferenceAuctions();
        int mismatches = 0;
        for (Map.Entry<String, List<AuctionCommand>> auction : commands.entrySet()) {
            List<AuctionEvent> expected = new ArrayList<>();
            for (AuctionCommand command : auction.getValue()) {
                if (!(command instanceof AuctionCommand.ExpireAuction)) {
                    expected.addAll(reference.handle(command).events());
                }
            }
            List<AuctionEvent> actual = events.getOrDefault(auction.getKey(), List.of());
            if (!expected.equals(actual)) {
                mismatches++;
                example("auction " + auction.getKey() + " differs from the reference model: expected " + expected
                        + " but the log has " + actual);
            }
        }
        return mismatches;
    }

    private static boolean agrees(History.Command sent, boolean publicOutcome, Set<BidderNotice> privateOutcomes) {
        if (sent.result() == Result.ACCEPTED) {
            return publicOutcome || privateOutcomes.stream().anyMatch(n -> n instanceof CommandConfirmed);
        }
        return privateOutcomes.stream()
                .anyMatch(n -> n instanceof CommandRejected rejected
                        && rejected.reason().name().equals(sent.reason()));
    }

    private static boolean sameEvent(JsonNode shown, AuctionEvent committed) {
        if (!shown.path("type").asString().equals(wireType(committed))) {
            return false;
        }
        if (committed instanceof AuctionEvent.BidPlaced bid) {
            return cents(shown.path("currentBid")) == bid.currentBidCents()
                    && shown.path("leader")
                            .path("id")
                            .asString()
                            .equals(bid.leader().id())
                    && shown.path("endsAt").asLong() == bid.endsAt().toEpochMilli();
        }
        if (committed instanceof AuctionEvent.AuctionExtended extended) {
            return shown.path("endsAt").asLong() == extended.endsAt().toEpochMilli();
        }
        if (committed instanceof AuctionEvent.AuctionEnded ended) {
            return shown.path("outcome").asString().equals(ended.outcome().name())
                    && Objects.equals(
                            shown.path("winner").path("id").asString(null),
                            ended.winner() == null ? null : ended.winner().id());
        }
        return true;
    }

    private static String wireType(AuctionEvent event) {
        return event instanceof AuctionEvent.BidPlaced ? "bid-updated" : event.eventType();
    }

    private static boolean sameSnapshot(JsonNode shown, AuctionView committed) {
        JsonNode bid = shown.path("currentBid");
        return shown.path("seq").asLong() == committed.seq()
                && shown.path("status").asString().equals(committed.status().name())
                && (bid.isNull()
                        ? committed.currentBidCents() == null
                        : committed.currentBidCents() != null && cents(bid) == committed.currentBidCents())
                && shown.path("endsAt").asLong() == committed.endsAt().toEpochMilli();
    }

    private static long cents(JsonNode amount) {
        BigDecimal decimal = amount.decimalValue();
        return Money.toCents(decimal);
    }

    /** Keeps a few examples of each kind of finding, so that one kind cannot hide the others. */
    private void example(String finding) {
        String kind = finding.replaceAll("[^a-z ].*", "");
        if (examples.size() < 40
                && examples.stream().filter(e -> e.startsWith(kind)).count() < 5) {
            examples.add(finding);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return union;
    }
}
