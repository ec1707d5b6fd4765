package dev.gavel.analytics.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.ShowStats.AuctionBids;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The leaders of a window, kept from each auction's latest count alone: always the exact top of every count so far,
 * most bids first and ties by auction id, as sorting every count would rank them.
 */
class TopAuctionsTest {

    @Test
    void anAuctionJoinsWhileThereIsRoom() {
        TopAuctions top = TopAuctions.none(3).with("B", 1).with("A", 1);

        assertThat(top.leaders()).containsExactly(bids("A", 1), bids("B", 1));
    }

    @Test
    void aHigherCountMovesAnAuctionPastThoseItNowBeats() {
        TopAuctions top = TopAuctions.none(3).with("A", 3).with("B", 2).with("C", 1);

        assertThat(top.with("C", 3).leaders()).containsExactly(bids("A", 3), bids("C", 3), bids("B", 2));
    }

    @Test
    void aCountNoHigherThanTheOneSeenIsAnOlderOneAndChangesNothing() {
        TopAuctions top = TopAuctions.none(3).with("A", 3).with("B", 2);

        assertThat(top.with("A", 2)).isSameAs(top);
        assertThat(top.with("A", 3)).isSameAs(top);
    }

    @Test
    void whenFullAnAuctionThatBeatsTheLastTakesItsPlace() {
        TopAuctions top = TopAuctions.none(2).with("A", 3).with("B", 2);

        assertThat(top.with("C", 4).leaders()).containsExactly(bids("C", 4), bids("A", 3));
    }

    @Test
    void whenFullAnAuctionThatDoesNotBeatTheLastStaysOut() {
        TopAuctions top = TopAuctions.none(2).with("A", 3).with("B", 2);

        assertThat(top.with("C", 1).leaders()).containsExactly(bids("A", 3), bids("B", 2));
    }

    @Test
    void anEqualCountBeatsTheLastOnlyWithASmallerAuctionId() {
        TopAuctions top = TopAuctions.none(2).with("A", 3).with("C", 2);

        assertThat(top.with("D", 2).leaders()).containsExactly(bids("A", 3), bids("C", 2));
        assertThat(top.with("B", 2).leaders()).containsExactly(bids("A", 3), bids("B", 2));
    }

    @Test
    void aSmallerSizeKeepsTheFirstLeaders() {
        TopAuctions top = TopAuctions.none(3).with("A", 3).with("B", 2).with("C", 1);

        assertThat(top.resized(2).leaders()).containsExactly(bids("A", 3), bids("B", 2));
    }

    @Test
    void aLargerSizeAdmitsAnyAuctionWhileNoneWasLeftOut() {
        TopAuctions top = TopAuctions.none(2).with("A", 3).with("B", 2).resized(3);

        assertThat(top.with("C", 1).leaders()).containsExactly(bids("A", 3), bids("B", 2), bids("C", 1));
    }

    @Test
    void aLargerSizeAfterAnAuctionWasLeftOutAdmitsOnlyAuctionsThatBeatTheLast() {
        // C, with 1 bid, was pushed out: an auction with fewer bids than B may rank below C, so it must not join.
        TopAuctions top =
                TopAuctions.none(2).with("A", 3).with("B", 2).with("C", 1).resized(3);

        assertThat(top.with("D", 1)).isSameAs(top);
        assertThat(top.with("E", 3).leaders()).containsExactly(bids("A", 3), bids("E", 3), bids("B", 2));
    }

    @Provide
    Arbitrary<List<AuctionBids>> counts() {
        // More auctions than leaders, and few distinct counts: auctions are pushed out and ties are common.
        return Combinators.combine(
                        Arbitraries.of("a", "b", "c", "d", "e", "f", "g", "h"),
                        Arbitraries.longs().between(1, 12))
                .as(AuctionBids::new)
                .list()
                .ofMaxSize(60);
    }

    @Property
    void theLeadersAreTheTopOfEveryCountSoFar(
            @ForAll("counts") List<AuctionBids> counts, @ForAll @IntRange(min = 1, max = 6) int size) {
        TopAuctions top = TopAuctions.none(size);
        Map<String, Long> highest = new HashMap<>();

        for (AuctionBids count : counts) {
            top = top.with(count.auctionId(), count.bids());
            highest.merge(count.auctionId(), count.bids(), Math::max);

            assertThat(top.leaders()).as("after %s", count).isEqualTo(sortEverything(highest, size));
        }
    }

    @Property
    void afterAResizeTheLeadersAreStillTheFirstOfEveryCountSoFar(
            @ForAll("counts") List<AuctionBids> before,
            @ForAll("counts") List<AuctionBids> after,
            @ForAll @IntRange(min = 1, max = 6) int sizeBefore,
            @ForAll @IntRange(min = 1, max = 6) int sizeAfter) {
        TopAuctions top = TopAuctions.none(sizeBefore);
        Map<String, Long> highest = new HashMap<>();
        for (AuctionBids count : before) {
            top = top.with(count.auctionId(), count.bids());
            highest.merge(count.auctionId(), count.bids(), Math::max);
        }
        top = top.resized(sizeAfter);

        for (AuctionBids count : after) {
            top = top.with(count.auctionId(), count.bids());
            highest.merge(count.auctionId(), count.bids(), Math::max);

            List<AuctionBids> expected = sortEverything(highest, sizeAfter);
            if (sizeAfter <= sizeBefore) {
                assertThat(top.leaders()).as("after %s", count).isEqualTo(expected);
            } else {
                assertThat(top.leaders())
                        .as("after %s", count)
                        .hasSizeGreaterThanOrEqualTo(Math.min(sizeBefore, highest.size()))
                        .isEqualTo(expected.subList(0, top.leaders().size()));
            }
        }
    }

    /** The reference: every auction's highest count, sorted. */
    private static List<AuctionBids> sortEverything(Map<String, Long> highest, int size) {
        return highest.entrySet().stream()
                .map(entry -> bids(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(AuctionBids::bids).reversed().thenComparing(AuctionBids::auctionId))
                .limit(size)
                .toList();
    }

    private static AuctionBids bids(String auctionId, long bids) {
        return new AuctionBids(auctionId, bids);
    }
}
