package dev.gavel.processor.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.BidIncrements;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.processor.fixtures.Commands.Builder;

/**
 * Given/when for {@link AuctionRules}: the given commands build an auction's state the way the processor would, then
 * the command under test is decided against it. The given commands must all be accepted, so that a test cannot
 * silently start from a state other than the one it describes.
 */
final class RulesScenario {

    private final AuctionRules rules = new AuctionRules(BidIncrements.DEFAULT);
    private Auction auction;

    private RulesScenario() {}

    /** An auction built by {@code history}; no auction at all when it is empty. */
    static RulesScenario given(Builder<?>... history) {
        RulesScenario scenario = new RulesScenario();
        for (Builder<?> builder : history) {
            AuctionCommand command = builder.build();
            BidderNotice reply = scenario.decide(command).reply();
            assertThat(reply instanceof CommandRejected)
                    .as("given %s was rejected: %s", command, reply)
                    .isFalse();
        }
        return scenario;
    }

    Decision when(Builder<?> command) {
        return when(command.build());
    }

    /** Decides {@code command}; a rejection must leave the auction exactly as it was. */
    Decision when(AuctionCommand command) {
        Auction before = auction;
        Decision decision = decide(command);
        if (decision.reply() instanceof CommandRejected) {
            assertThat(decision.auction()).as("state after a rejection").isSameAs(before);
        }
        return decision;
    }

    /** The auction as it stands after everything decided so far. */
    Auction auction() {
        return auction;
    }

    private Decision decide(AuctionCommand command) {
        Decision decision = rules.decide(auction, command);
        auction = decision.auction();
        return decision;
    }

    /** The rejection of {@code decision}, which must have changed nothing public. */
    static CommandRejected rejection(Decision decision) {
        assertThat(decision.events()).as("events of a rejected command").isEmpty();
        assertThat(decision.reply()).isInstanceOf(CommandRejected.class);
        return (CommandRejected) decision.reply();
    }

    /** The only event of {@code decision}, which must be of {@code type}. */
    static <E extends AuctionEvent> E onlyEvent(Decision decision, Class<E> type) {
        assertThat(decision.events()).hasSize(1).first().isInstanceOf(type);
        return type.cast(decision.events().get(0));
    }
}
