package dev.gavel.benchmarks.rules;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.BidIncrements;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.UserRef;
import dev.gavel.processor.auction.Auction;
import dev.gavel.processor.auction.AuctionRules;
import dev.gavel.processor.auction.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link AuctionRules#decide} on realistic bids: auctions in mid-flight (some with a proxy maximum, some with a
 * reserve, some in their soft-close window), and bids that outbid, lose to a proxy, or come in too low. Each
 * invocation decides one bid against one auction's state; the states do not change between invocations, so every
 * decision does the same work run after run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RulesBenchmark {

    private static final int AUCTIONS = 1_024;
    private static final int MASK = AUCTIONS - 1;

    private final AuctionRules rules = new AuctionRules(BidIncrements.DEFAULT);
    private final Auction[] auctions = new Auction[AUCTIONS];
    private final PlaceBid[] outbids = new PlaceBid[AUCTIONS];
    private final PlaceBid[] tooLow = new PlaceBid[AUCTIONS];
    private final Auction[] mixedAuctions = new Auction[AUCTIONS];
    private final AuctionCommand[] mixedBids = new AuctionCommand[AUCTIONS];
    private int next;

    @Setup(Level.Trial)
    public void prepare() {
        SplittableRandom random = new SplittableRandom(42);
        Instant start = Instant.parse("2025-01-01T12:00:00Z");
        Instant at = start.plusMillis(50_000);
        List<Integer> proxied = new ArrayList<>();
        PlaceBid[] answeredByProxy = new PlaceBid[AUCTIONS];
        for (int a = 0; a < AUCTIONS; a++) {
            String id = "auction-" + a;
            // One auction in eight is in its last minute, so a bid there extends it (soft close).
            long durationMs = a % 8 == 0 ? 60_000 : Duration.ofHours(2).toMillis();
            CreateAuction create = new CreateAuction(
                    "create-" + a,
                    id,
                    start,
                    user("seller", a % 100),
                    "Lot " + a,
                    "A realistic lot",
                    1_000,
                    durationMs,
                    a % 4 == 0 ? 20_000L : null,
                    null,
                    AuctionMode.STANDARD,
                    30_000L,
                    null);
            Auction auction = rules.decide(null, create).auction();
            int bids = 1 + random.nextInt(30);
            for (int b = 0; b < bids; b++) {
                long minimum = minimum(auction);
                // Some bidders leave a proxy maximum above their bid, as auction sites suggest.
                boolean proxy = random.nextInt(4) == 0;
                PlaceBid bid = new PlaceBid(
                        "bid-" + a + "-" + b,
                        id,
                        start.plusMillis(1_000L * b),
                        user("bidder", (a + b) % 50),
                        proxy ? null : minimum,
                        proxy ? minimum * 2 : null);
                auction = rules.decide(auction, bid).auction();
            }
            auctions[a] = auction;
            long minimum = minimum(auction);
            UserRef challenger = user("challenger", a % 50);
            long leaderMax = auction.leader().maxAmountCents();
            outbids[a] = new PlaceBid("outbid-" + a, id, at, challenger, Math.max(minimum, leaderMax + 1_000), null);
            tooLow[a] = new PlaceBid("low-" + a, id, at, challenger, auction.currentBidCents(), null);
            if (leaderMax > minimum) {
                proxied.add(a);
                answeredByProxy[a] = new PlaceBid("proxy-" + a, id, at, challenger, minimum, null);
            }
        }
        for (int i = 0; i < AUCTIONS; i++) {
            int kind = i % 10;
            if (kind < 6) {
                mixedAuctions[i] = auctions[i];
                mixedBids[i] = outbids[i];
            } else if (kind < 8) {
                int a = proxied.get(i % proxied.size());
                mixedAuctions[i] = auctions[a];
                mixedBids[i] = answeredByProxy[a];
            } else {
                mixedAuctions[i] = auctions[i];
                mixedBids[i] = tooLow[i];
            }
        }
        check();
    }

    /** The benchmark measures what it says only if each bid gets the outcome it stands for. */
    private void check() {
        for (int i = 0; i < AUCTIONS; i++) {
            Decision outbid = rules.decide(auctions[i], outbids[i]);
            Decision low = rules.decide(auctions[i], tooLow[i]);
            Decision mixed = rules.decide(mixedAuctions[i], mixedBids[i]);
            boolean ok = outbid.events().size() >= 1
                    && outbid.auction().isLeader(outbids[i].bidder())
                    && low.reply() instanceof CommandRejected rejected
                    && rejected.reason() == RejectionReason.BID_TOO_LOW
                    && (i % 10 < 6
                            || i % 10 >= 8
                            || (mixed.events().size() >= 1
                                    && !mixed.auction().isLeader(((PlaceBid) mixedBids[i]).bidder())));
            if (!ok) {
                throw new IllegalStateException("benchmark bid " + i + " does not get the outcome it stands for");
            }
        }
    }

    private static long minimum(Auction auction) {
        Long current = auction.currentBidCents();
        return current == null ? auction.startingPriceCents() : current + BidIncrements.DEFAULT.at(current);
    }

    private static UserRef user(String kind, int n) {
        return new UserRef(kind + "-" + n, kind + " " + n);
    }

    /** Six in ten bids outbid the leader, two in ten lose to a proxy maximum, two in ten are too low. */
    @Benchmark
    public Decision mixedBids() {
        int i = next++ & MASK;
        return rules.decide(mixedAuctions[i], mixedBids[i]);
    }

    /** A bid that takes the lead: a new state, a public event, a confirmation. */
    @Benchmark
    public Decision acceptedBid() {
        int i = next++ & MASK;
        return rules.decide(auctions[i], outbids[i]);
    }

    /** A bid below the minimum: only a rejection. */
    @Benchmark
    public Decision rejectedBid() {
        int i = next++ & MASK;
        return rules.decide(auctions[i], tooLow[i]);
    }
}
