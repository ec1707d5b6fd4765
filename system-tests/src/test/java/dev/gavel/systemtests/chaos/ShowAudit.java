package dev.gavel.systemtests.chaos;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.LogReader;
import dev.gavel.events.LotIds;
import dev.gavel.events.LotView;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowNotice;
import dev.gavel.events.ShowNotice.ShowCommandConfirmed;
import dev.gavel.events.ShowNotice.ShowCommandRejected;
import dev.gavel.events.ShowView;
import dev.gavel.events.Topics;
import dev.gavel.processor.reference.ReferenceShows;
import dev.gavel.systemtests.chaos.History.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Holds the shows of a chaos run against the committed show logs, as {@link LogAudit} does for auctions:
 *
 * <ul>
 *   <li>every host command a client saw taken is the show event it was told of, of its kind, and no two share one;
 *       every refusal it was told of is in the show's notices; every pre-bid it saw decided has exactly one outcome,
 *       the one it was told;
 *   <li>no outcome refers to a command that was never written;
 *   <li>each show's seq runs 1, 2, 3... and an ended show has exactly one {@code show-ended}, its last event;
 *   <li>the show events are those the reference model of the show rules gives for the show's commands, and each run
 *       of a lot opened its auction with exactly the commands the model gives (its creation, then its pre-bids);
 *   <li>each lot run has exactly one auction, and each ended lot auction exactly one {@code lot-ended} that agrees
 *       with its {@code auction-ended};
 *   <li>every show message a client was shown is the committed show at its seq, and a client's show stream has no
 *       gap that a snapshot did not announce;
 *   <li>a viewer of a show was shown every lot that ran while it watched, without subscribing to it, unless it was
 *       away for the rest of the run: the whole run fell in a gap its show stream's snapshot announced, or it lost its
 *       connection before the lot ended and its next connection began after the end.
 * </ul>
 */
final class ShowAudit {

    /** What the show audit found. */
    record Findings(
            int shows,
            int showEvents,
            int lotRuns,
            int preBids,
            int commandsDecided,
            int lost,
            int duplicated,
            int mismatched,
            int outcomesWithoutCommand,
            int seqGaps,
            int endingViolations,
            int oracleMismatches,
            int lotAuctionMismatches,
            int abortedReads,
            int unannouncedGaps,
            int lotsNotShown) {

        boolean clean() {
            return lost
                            + duplicated
                            + mismatched
                            + outcomesWithoutCommand
                            + seqGaps
                            + endingViolations
                            + oracleMismatches
                            + lotAuctionMismatches
                            + abortedReads
                            + unannouncedGaps
                            + lotsNotShown
                    == 0;
        }
    }

    /** The show event that records each kind of host command. */
    private static final Map<String, String> RECORDED_AS = Map.of(
            "create-show", "show-created",
            "add-lot", "lot-added",
            "remove-lot", "lot-removed",
            "move-lot", "lot-moved",
            "start-show", "show-started",
            "run-lot", "lot-started",
            "end-show", "show-ended");

    private final Map<String, Object> client;
    private final Consumer<String> example;

    ShowAudit(Map<String, Object> client, Consumer<String> example) {
        this.client = client;
        this.example = example;
    }

    Findings audit(
            History history,
            Map<String, List<AuctionCommand>> auctionCommands,
            Map<String, List<AuctionEvent>> auctionEvents) {
        Map<String, List<ShowCommand>> commands =
                LogReader.readByKey(client, Topics.SHOW_COMMANDS, JsonSerde.showCommands());
        Map<String, List<ShowEvent>> events = LogReader.readByKey(client, Topics.SHOW_EVENTS, JsonSerde.showEvents());
        Map<String, List<ShowNotice>> notices =
                LogReader.readByKey(client, Topics.SHOW_NOTICES, JsonSerde.showNotices());

        Set<String> written = new HashSet<>();
        commands.values().forEach(list -> list.forEach(c -> written.add(c.commandId())));
        Map<String, Set<ShowNotice>> originalNotices = new HashMap<>();
        notices.values()
                .forEach(list -> list.forEach(n -> {
                    if (n instanceof ShowCommandRejected || !((ShowCommandConfirmed) n).repeated()) {
                        originalNotices
                                .computeIfAbsent(n.commandId(), id -> new HashSet<>())
                                .add(n);
                    }
                }));
        int outcomesWithoutCommand = 0;
        Set<String> outcomes = new HashSet<>(originalNotices.keySet());
        events.values().forEach(list -> list.forEach(e -> outcomes.add(e.commandId())));
        for (String commandId : outcomes) {
            if (!written.contains(commandId)) {
                outcomesWithoutCommand++;
                example.accept("show outcome for a command never written: " + commandId);
            }
        }

        Told told = told(history, events, notices, originalNotices);
        int[] sequence = sequence(events);
        Map<String, Map<Long, ShowView>> viewAt = views(events);
        int[] reads = reads(history, viewAt);
        int oracleMismatches = oracle(commands, events, auctionCommands);
        int lotAuctionMismatches = lotAuctions(events, auctionEvents);
        return new Findings(
                events.size(),
                events.values().stream().mapToInt(List::size).sum(),
                (int) events.values().stream()
                        .flatMap(List::stream)
                        .filter(ShowEvent.LotStarted.class::isInstance)
                        .count(),
                (int) commands.values().stream()
                        .flatMap(List::stream)
                        .filter(ShowCommand.PlacePreBid.class::isInstance)
                        .count(),
                told.decided,
                told.lost,
                told.duplicated,
                told.mismatched,
                outcomesWithoutCommand,
                sequence[0],
                sequence[1],
                oracleMismatches,
                lotAuctionMismatches,
                reads[0],
                reads[1],
                lotsNotShown(history, events));
    }

    private static final class Told {
        int decided;
        int lost;
        int duplicated;
        int mismatched;
    }

    /** Holds what each client was told of its show commands against the log. */
    private Told told(
            History history,
            Map<String, List<ShowEvent>> events,
            Map<String, List<ShowNotice>> notices,
            Map<String, Set<ShowNotice>> originalNotices) {
        Told told = new Told();
        Map<List<Object>, History.Command> claimed = new HashMap<>();
        Map<List<String>, Integer> refusalsTold = new HashMap<>();
        for (History.Command sent : history.commands()) {
            boolean preBid = sent.kind().equals("place-pre-bid");
            if (sent.result() == Result.UNKNOWN || !(preBid || RECORDED_AS.containsKey(sent.kind()))) {
                continue;
            }
            told.decided++;
            if (preBid) {
                Set<ShowNotice> outcomes = originalNotices.getOrDefault(sent.commandId(), Set.of());
                if (outcomes.isEmpty()) {
                    told.lost++;
                    example.accept("pre-bid acknowledged but no outcome in the log: " + sent);
                } else if (outcomes.size() > 1) {
                    told.duplicated++;
                    example.accept("pre-bid with more than one outcome: " + sent + " -> " + outcomes);
                } else if (!agrees(sent, outcomes.iterator().next())) {
                    told.mismatched++;
                    example.accept("pre-bid told otherwise than the log: " + sent + " -> " + outcomes);
                }
            } else if (sent.result() == Result.ACCEPTED) {
                ShowEvent recorded = events.getOrDefault(sent.subject(), List.of()).stream()
                        .filter(e -> e.seq() == sent.recordedSeq())
                        .findFirst()
                        .orElse(null);
                History.Command other = claimed.put(List.of(sent.subject(), sent.recordedSeq()), sent);
                if (recorded == null) {
                    told.lost++;
                    example.accept("host command taken but its event is not in the log: " + sent);
                } else if (other != null) {
                    told.duplicated++;
                    example.accept("two host commands told of one show event: " + other + " and " + sent);
                } else if (!recorded.eventType().equals(RECORDED_AS.get(sent.kind()))) {
                    told.mismatched++;
                    example.accept("host command told it was recorded as " + recorded + ": " + sent);
                }
            } else {
                refusalsTold.merge(List.of(sent.subject(), sent.userId(), sent.kind(), sent.reason()), 1, Integer::sum);
            }
        }
        // A host's command has no id of the client's: its refusals are matched by show, host, command and reason.
        refusalsTold.forEach((refusal, count) -> {
            long inLog = notices.getOrDefault(refusal.get(0), List.of()).stream()
                    .filter(n -> n instanceof ShowCommandRejected rejected
                            && rejected.user() != null
                            && rejected.user().id().equals(refusal.get(1))
                            && rejected.commandType().equals(refusal.get(2))
                            && rejected.reason().name().equals(refusal.get(3)))
                    .count();
            if (inLog < count) {
                told.mismatched += (int) (count - inLog);
                example.accept("host told of " + count + " refusals " + refusal + " but the log has " + inLog);
            }
        });
        return told;
    }

    private static boolean agrees(History.Command sent, ShowNotice outcome) {
        if (sent.result() == Result.ACCEPTED) {
            return outcome instanceof ShowCommandConfirmed;
        }
        return outcome instanceof ShowCommandRejected rejected
                && rejected.reason().name().equals(sent.reason());
    }

    /** Seq gaps, and endings that are missing their place: {@code show-ended} not exactly once and last. */
    private int[] sequence(Map<String, List<ShowEvent>> events) {
        int gaps = 0;
        int endings = 0;
        for (Map.Entry<String, List<ShowEvent>> show : events.entrySet()) {
            List<ShowEvent> list = show.getValue();
            boolean ended = false;
            for (int i = 0; i < list.size(); i++) {
                ShowEvent event = list.get(i);
                if (event.seq() != i + 1) {
                    gaps++;
                    example.accept("show " + show.getKey() + ": event " + (i + 1) + " has seq " + event.seq());
                }
                if (ended) {
                    endings++;
                    example.accept("show " + show.getKey() + ": " + event.eventType() + " after its end");
                }
                ended |= event instanceof ShowEvent.ShowEnded;
            }
        }
        return new int[] {gaps, endings};
    }

    private static Map<String, Map<Long, ShowView>> views(Map<String, List<ShowEvent>> events) {
        Map<String, Map<Long, ShowView>> viewAt = new HashMap<>();
        events.forEach((showId, list) -> {
            Map<Long, ShowView> views = new HashMap<>();
            ShowView view = null;
            for (ShowEvent event : list) {
                view = event instanceof ShowEvent.ShowCreated created
                        ? created.show()
                        : view == null ? null : view.apply(event);
                views.put(event.seq(), view);
            }
            viewAt.put(showId, views);
        });
        return viewAt;
    }

    /** Show messages shown that are not the committed show at their seq, and gaps no snapshot announced. */
    private int[] reads(History history, Map<String, Map<Long, ShowView>> viewAt) {
        int aborted = 0;
        int gaps = 0;
        Map<List<String>, Long> position = new HashMap<>();
        for (History.SeenShow seen : history.seenShows()) {
            ShowView committed = viewAt.getOrDefault(seen.showId(), Map.of()).get(seen.seq());
            if (committed == null || !sameShow(seen.message().path("show"), committed)) {
                aborted++;
                example.accept(seen.client() + " was shown a show not in the log: " + seen.message() + " (the log: "
                        + committed + ")");
            }
            List<String> stream = List.of(seen.client(), seen.showId());
            Long previous = position.put(stream, seen.seq());
            if (!seen.snapshot() && previous != null && seen.seq() != previous + 1) {
                gaps++;
                example.accept(seen.client() + " went from seq " + previous + " to " + seen.seq() + " of show "
                        + seen.showId() + " without a snapshot");
            }
        }
        return new int[] {aborted, gaps};
    }

    /** Lots that ran while a viewer watched their show and that the viewer was never shown. */
    private int lotsNotShown(History history, Map<String, List<ShowEvent>> events) {
        Set<List<String>> shown = new HashSet<>();
        history.seen().forEach(seen -> shown.add(List.of(seen.client(), seen.auctionId())));
        Map<List<String>, List<History.SeenShow>> streams = new HashMap<>();
        history.seenShows()
                .forEach(seen -> streams.computeIfAbsent(List.of(seen.client(), seen.showId()), k -> new ArrayList<>())
                        .add(seen));
        int missed = 0;
        for (Map.Entry<List<String>, List<History.SeenShow>> stream : streams.entrySet()) {
            String client = stream.getKey().get(0);
            List<History.SeenShow> seen = stream.getValue();
            List<ShowEvent> showEvents = events.getOrDefault(stream.getKey().get(1), List.of());
            for (ShowEvent event : showEvents) {
                if (!(event instanceof ShowEvent.LotStarted started)
                        || started.seq() <= seen.get(0).seq()) {
                    continue;
                }
                long endedAt = showEvents.stream()
                        .filter(e -> e instanceof ShowEvent.LotEnded ended
                                && ended.auctionId().equals(started.auctionId()))
                        .mapToLong(ShowEvent::seq)
                        .findFirst()
                        .orElse(Long.MAX_VALUE);
                if (!shown.contains(List.of(client, started.auctionId()))
                        && !awayForTheRest(seen, started.seq(), endedAt)) {
                    missed++;
                    example.accept(client + " watched show " + started.showId() + " but was never shown its lot run "
                            + started.auctionId() + ", started at " + started.at());
                }
            }
        }
        return missed;
    }

    /**
     * Whether a viewer's show stream was away from a lot run that began at seq {@code from} and ended at seq {@code to}:
     * a snapshot jumped from before the start to the end or later, or the viewer's connection was lost before the end
     * and the first message of its next one is at the end or later. A viewer that lost its gateway after the lot's start
     * but before it was attached to the lot's auction, and came back after it ended, was shown the lot's result in the
     * show's lineup: there was nothing left to show it live.
     */
    static boolean awayForTheRest(List<History.SeenShow> stream, long from, long to) {
        for (int i = 1; i < stream.size(); i++) {
            History.SeenShow before = stream.get(i - 1);
            History.SeenShow after = stream.get(i);
            boolean snapshotOverTheRun = after.snapshot() && before.seq() < from && after.seq() >= to;
            boolean reconnectedAfterTheEnd =
                    after.connection() != before.connection() && before.seq() < to && after.seq() >= to;
            if (snapshotOverTheRun || reconnectedAfterTheEnd) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameShow(JsonNode shown, ShowView committed) {
        if (shown.path("seq").asLong() != committed.seq()
                || !shown.path("status").asString().equals(committed.status().name())
                || !Objects.equals(
                        shown.path("currentLotNo").isNull()
                                ? null
                                : shown.path("currentLotNo").asInt(),
                        committed.currentLotNo())
                || shown.path("lineup").size() != committed.lineup().size()) {
            return false;
        }
        for (int i = 0; i < committed.lineup().size(); i++) {
            JsonNode lot = shown.path("lineup").get(i);
            LotView expected = committed.lineup().get(i);
            if (lot.path("lotNo").asInt() != expected.lotNo()
                    || !lot.path("status").asString().equals(expected.status().name())
                    || lot.path("runs").asInt() != expected.runs()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs the reference model of the show rules over each show's commands (a repeated command id once: the engine
     * answers a repeat with the original outcome and changes nothing) and compares its events with the log's, and the
     * commands each run opened its auction with with the auctions' log.
     */
    private int oracle(
            Map<String, List<ShowCommand>> commands,
            Map<String, List<ShowEvent>> events,
            Map<String, List<AuctionCommand>> auctionCommands) {
        ReferenceShows reference = new ReferenceShows();
        int mismatches = 0;
        for (Map.Entry<String, List<ShowCommand>> show : commands.entrySet()) {
            Set<String> seen = new HashSet<>();
            List<ShowEvent> expected = new ArrayList<>();
            Map<String, List<AuctionCommand>> opened = new HashMap<>();
            for (ShowCommand command : show.getValue()) {
                if (seen.add(command.commandId())) {
                    ReferenceShows.Result result = reference.handle(command);
                    expected.addAll(result.events());
                    result.lotCommands()
                            .forEach(c -> opened.computeIfAbsent(c.auctionId(), id -> new ArrayList<>())
                                    .add(c));
                }
            }
            List<ShowEvent> actual = events.getOrDefault(show.getKey(), List.of());
            if (!expected.equals(actual)) {
                mismatches++;
                example.accept("show " + show.getKey() + " differs from the reference model: expected " + expected
                        + " but the log has " + actual);
            }
            for (Map.Entry<String, List<AuctionCommand>> run : opened.entrySet()) {
                List<AuctionCommand> logged = auctionCommands.getOrDefault(run.getKey(), List.of());
                List<AuctionCommand> first =
                        logged.subList(0, Math.min(run.getValue().size(), logged.size()));
                if (!first.equals(run.getValue())) {
                    mismatches++;
                    example.accept("lot auction " + run.getKey() + " opened otherwise than the reference model: "
                            + "expected " + run.getValue() + " but the log has " + first);
                }
            }
        }
        return mismatches;
    }

    /** Lot runs without exactly one auction, and ended lot auctions without exactly one agreeing {@code lot-ended}. */
    private int lotAuctions(Map<String, List<ShowEvent>> events, Map<String, List<AuctionEvent>> auctionEvents) {
        int mismatches = 0;
        Map<String, List<ShowEvent.LotEnded>> lotEnded = new HashMap<>();
        for (List<ShowEvent> list : events.values()) {
            for (ShowEvent event : list) {
                if (event instanceof ShowEvent.LotStarted started) {
                    long created = auctionEvents.getOrDefault(started.auctionId(), List.of()).stream()
                            .filter(AuctionEvent.AuctionCreated.class::isInstance)
                            .count();
                    if (created != 1) {
                        mismatches++;
                        example.accept("lot run " + started.auctionId() + " has " + created + " auctions created");
                    }
                }
                if (event instanceof ShowEvent.LotEnded ended) {
                    lotEnded.computeIfAbsent(ended.auctionId(), id -> new ArrayList<>())
                            .add(ended);
                }
            }
        }
        for (Map.Entry<String, List<AuctionEvent>> auction : auctionEvents.entrySet()) {
            if (LotIds.parse(auction.getKey()).isEmpty()) {
                continue;
            }
            AuctionEvent.AuctionEnded ended = auction.getValue().stream()
                    .filter(AuctionEvent.AuctionEnded.class::isInstance)
                    .map(AuctionEvent.AuctionEnded.class::cast)
                    .findFirst()
                    .orElse(null);
            List<ShowEvent.LotEnded> told = lotEnded.getOrDefault(auction.getKey(), List.of());
            boolean agrees = ended == null ? told.isEmpty() : told.size() == 1 && agrees(ended, told.get(0));
            if (!agrees) {
                mismatches++;
                example.accept("lot auction " + auction.getKey() + " ended as " + ended + " but its show has " + told);
            }
        }
        return mismatches;
    }

    private static boolean agrees(AuctionEvent.AuctionEnded ended, ShowEvent.LotEnded lot) {
        return lot.outcome() == ended.outcome()
                && Objects.equals(
                        lot.winner() == null ? null : lot.winner().id(),
                        ended.winner() == null ? null : ended.winner().id())
                && Objects.equals(lot.finalPriceCents(), ended.finalPriceCents());
    }
}
