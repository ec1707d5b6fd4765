package dev.gavel.loadgen.rules;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.UserRef;
import dev.gavel.processor.auction.Auction;
import dev.gavel.processor.auction.AuctionRules;
import dev.gavel.processor.auction.BidIncrements;
import dev.gavel.processor.auction.Decision;
import java.time.Duration;
import java.time.Instant;
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
    private final AuctionCommand[] mixed = new AuctionCommand[AUCTIONS];
    private int next;

    @Setup(Level.Trial)
    public void prepare() {
        SplittableRandom random = new SplittableRandom(42);
        Instant start = Instant.parse("2025-01-01T12:00:00Z");
        for (int a = 0; a < AUCTIONS; a++) {
            String id = "auction-" + a;
            UserRef seller = user("seller", a % 100);
            boolean reserve = a % 4 == 0;
            // One auction in eight is in its last minute, so a bid there extends it (soft close).
            long durationMs = a % 8 == 0 ? 60_000 : Duration.ofHours(2).toMillis();
            CreateAuction create = new CreateAuction(
                    "create-" + a,
                    id,
                    start,
                    seller,
                    "Lot " + a,
                    "A realistic lot",
                    1_000,
                    durationMs,
                    reserve ? 20_000L : null,
                    null,
                    AuctionMode.STANDARD,
                    30_000L,
                    null);
            Auction auction = rules.decide(null, create).auction();
            int bids = 1 + random.nextInt(30);
            long price = 1_000;
            for (int b = 0; b < bids; b++) {
                // Some bidders bid with a proxy maximum above the amount, as auction sites suggest.
                Long max = random.nextInt(4) == 0 ? price * 2 : null;
                PlaceBid bid = new PlaceBid(
                        "bid-" + a + "-" + b,
                        id,
                        start.plusMillis(1_000L * b),
                        user("bidder", (a + b) % 50),
                        max == null ? price : null,
                        max);
                Decision decision = rules.decide(auction, bid);
                auction = decision.auction();
                price = auction.currentBidCents() + BidIncrements.DEFAULT.at(auction.currentBidCents());
            }
            auctions[a] = auction;
            Instant at = start.plusMillis(50_000);
            long minimum = auction.currentBidCents() + BidIncrements.DEFAULT.at(auction.currentBidCents());
            UserRef challenger = user("challenger", a % 50);
            long leaderMax = auction.leader().maxAmountCents();
            outbids[a] = new PlaceBid("outbid-" + a, id, at, challenger, Math.max(minimum, leaderMax + 1_000), null);
            tooLow[a] = new PlaceBid("low-" + a, id, at, challenger, auction.currentBidCents(), null);
            int kind = random.nextInt(10);
            if (kind < 6) {
                mixed[a] = outbids[a];
            } else if (kind < 8) {
                // Above the minimum but below the leader's hidden maximum: the proxy answers at once.
                mixed[a] = new PlaceBid("proxy-" + a, id, at, challenger, minimum, null);
            } else {
                mixed[a] = tooLow[a];
            }
        }
    }

    private static UserRef user(String kind, int n) {
        return new UserRef(kind + "-" + n, kind + " " + n);
    }

    /** Six in ten bids outbid the leader, two in ten lose to a proxy maximum, two in ten are too low. */
    @Benchmark
    public Decision mixedBids() {
        int i = next++ & MASK;
        return rules.decide(auctions[i], mixed[i]);
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
