package dev.gavel.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.processor.fixtures.Reasons;
import dev.gavel.processor.reference.ReferenceAuctions.Answer;
import dev.gavel.processor.topology.RandomSession.Exchange;
import dev.gavel.processor.topology.RandomSession.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsCoverage;
import org.apache.kafka.streams.KeyValue;
import org.assertj.core.api.SoftAssertions;

/**
 * The engine, driven through its topics, against an independent reference of the rules: random sessions of several
 * auctions and users must publish exactly the events the reference publishes, tell every issuer what the reference
 * tells them, and end exactly the auctions the reference says are due.
 */
class EngineMatchesReferenceTest {

    private static final String OUTCOMES = "outcomes";

    @Provide
    Arbitrary<List<Step>> sessions() {
        return RandomSession.sessions();
    }

    @Property(tries = 120, edgeCases = EdgeCasesMode.NONE)
    void engineDecidesEveryCommandAsTheReferenceDoes(@ForAll("sessions") List<Step> steps) {
        try (EngineDriver engine = new EngineDriver(RandomSession.SETTINGS, RandomSession.START)) {
            RandomSession session = new RandomSession(engine);
            for (int i = 0; i < steps.size(); i++) {
                for (Exchange exchange : session.play(steps.get(i))) {
                    assertMatches(exchange, "step " + i + " " + steps.get(i));
                    countOutcomes(exchange);
                }
            }
        }
        Statistics.label(OUTCOMES).coverage(EngineMatchesReferenceTest::requireEveryOutcome);
    }

    /** Counts what the sessions exercised, so that generation that stops reaching a rule fails the property. */
    private static void countOutcomes(Exchange exchange) {
        for (AuctionEvent event : exchange.expected().events()) {
            String outcome =
                    event instanceof AuctionEnded ended ? ended.outcome().name() : event.eventType();
            Statistics.label(OUTCOMES).collect(outcome);
        }
        for (KeyValue<String, Answer> answer : exchange.expected().answers()) {
            Answer.Kind kind = answer.value.kind();
            Statistics.label(OUTCOMES)
                    .collect(
                            kind == Answer.Kind.REJECTED ? answer.value.reason().name() : kind.name());
        }
    }

    private static void requireEveryOutcome(StatisticsCoverage coverage) {
        Stream.of(
                        Stream.of("auction-created", "bid-placed", "auction-extended"),
                        Stream.of(Outcome.values()).map(Outcome::name),
                        Reasons.ofAuctions().stream().map(RejectionReason::name),
                        Stream.of(Answer.Kind.CONFIRMED.name(), Answer.Kind.REPEATED.name()))
                .flatMap(Function.identity())
                .forEach(outcome -> coverage.check(outcome).count(count -> count > 0));
    }

    private static void assertMatches(Exchange exchange, String step) {
        SoftAssertions softly = new SoftAssertions();
        String context = step + " -> " + exchange.commands();
        if (exchange.closesDue() != null) {
            softly.assertThat(exchange.commands())
                    .as("closes requested at %s; %s", exchange.at(), context)
                    .allSatisfy(command -> {
                        assertThat(command).isInstanceOf(CloseAuction.class);
                        assertThat(command.receivedAt()).isEqualTo(exchange.at());
                    })
                    .extracting(AuctionCommand::auctionId)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(exchange.closesDue());
        }
        softly.assertThat(exchange.published().events())
                .as("events; %s", context)
                .containsExactlyElementsOf(exchange.expected().events());
        softly.assertThat(exchange.published().notices().stream()
                        .map(notice -> KeyValue.pair(notice.commandId(), answer(notice)))
                        .collect(Collectors.toList()))
                .as("private answers; %s", context)
                .containsExactlyElementsOf(exchange.expected().answers());
        softly.assertThat(exchange.published().states())
                .as("snapshots; %s", context)
                .containsExactlyElementsOf(exchange.expected().states());
        softly.assertThat(exchange.published().deadLetters())
                .as("dead letters; %s", context)
                .isEmpty();
        softly.assertAll();
    }

    private static Answer answer(BidderNotice notice) {
        if (notice instanceof CommandRejected rejected) {
            return new Answer(Answer.Kind.REJECTED, rejected.reason(), rejected.minimumBidCents());
        }
        CommandConfirmed confirmed = (CommandConfirmed) notice;
        return new Answer(confirmed.repeated() ? Answer.Kind.REPEATED : Answer.Kind.CONFIRMED, null, null);
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void lastSnapshotOfEveryAuctionIsItsEventsFolded(@ForAll("sessions") List<Step> steps) {
        Map<String, AuctionView> folded = new LinkedHashMap<>();
        Map<String, AuctionView> lastSnapshot = new LinkedHashMap<>();
        try (EngineDriver engine = new EngineDriver(RandomSession.SETTINGS, RandomSession.START)) {
            RandomSession session = new RandomSession(engine);
            for (Step step : steps) {
                for (Exchange exchange : session.play(step)) {
                    exchange.published().events().forEach(event -> fold(folded, event));
                    exchange.published().states().forEach(state -> lastSnapshot.put(state.key, state.value));
                }
            }
        }

        assertThat(lastSnapshot).isEqualTo(folded);
    }

    private static void fold(Map<String, AuctionView> folded, AuctionEvent event) {
        if (event instanceof AuctionCreated created) {
            assertThat(folded).as("a second creation of %s", event.auctionId()).doesNotContainKey(event.auctionId());
            folded.put(event.auctionId(), created.auction());
        } else {
            folded.put(event.auctionId(), folded.get(event.auctionId()).apply(event));
        }
    }
}
