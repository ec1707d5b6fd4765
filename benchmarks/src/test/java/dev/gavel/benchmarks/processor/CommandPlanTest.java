package dev.gavel.benchmarks.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.BidIncrements;
import dev.gavel.processor.auction.Auction;
import dev.gavel.processor.auction.AuctionRules;
import dev.gavel.processor.auction.Decision;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CommandPlanTest {

    private final CommandPlan plan =
            new CommandPlan("run1", 2_500, 100, Instant.parse("2025-01-01T00:00:00Z"), BidIncrements.DEFAULT);

    @Test
    void predictsWhatTheRealRulesDecideForEveryCommand() {
        AuctionRules rules = new AuctionRules(BidIncrements.DEFAULT);
        Map<String, Auction> auctions = new HashMap<>();
        AtomicLong events = new AtomicLong();
        AtomicLong rejections = new AtomicLong();
        AtomicLong outputs = new AtomicLong();
        AtomicInteger commands = new AtomicInteger();

        plan.forEach(planned -> {
            assertThat(planned.index()).isEqualTo(commands.getAndIncrement());
            Decision decision = rules.decide(auctions.get(planned.command().auctionId()), planned.command());
            auctions.put(planned.command().auctionId(), decision.auction());
            // What the topology writes: each event and a state update, or the private reply alone.
            int written =
                    decision.events().isEmpty() ? 1 : 2 * decision.events().size();
            assertThat(planned.outputs())
                    .as("outputs of command %d", planned.index())
                    .isEqualTo(written);
            events.addAndGet(decision.events().size());
            rejections.addAndGet(decision.replyIsPrivate() ? 1 : 0);
            outputs.addAndGet(written);
        });

        assertThat(commands.get()).isEqualTo(2_500);
        assertThat(auctions).hasSize(100);
        assertThat(events.get()).isEqualTo(plan.expectedEvents());
        assertThat(rejections.get()).isEqualTo(plan.expectedRejections());
        assertThat(outputs.get()).isEqualTo(plan.expectedOutputs());
    }

    @Test
    void createsEveryAuctionBeforeAnyBidAndRejectsOneBidInTen() {
        assertThat(plan.expectedEvents()).isEqualTo(100 + 2_200);
        assertThat(plan.expectedRejections()).isEqualTo(200);
        assertThat(plan.auctionId(7)).isEqualTo("run1-a7");
    }
}
