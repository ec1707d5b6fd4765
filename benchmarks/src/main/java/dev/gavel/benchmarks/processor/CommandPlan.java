package dev.gavel.benchmarks.processor;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.BidIncrements;
import dev.gavel.events.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A deterministic command log for the processor benchmark: first one create per auction, then bids spread over the
 * auctions round-robin. Nine bids in ten outbid the current price by one increment, from a bidder other than the
 * leader, and are accepted; every tenth offers the current price again and is rejected as too low. So the plan knows
 * what the processor must write for every command, and a run can check that nothing was lost or added.
 */
public final class CommandPlan {

    /** A command and how many records the processor writes for it (event and state, or one rejection). */
    public record Planned(int index, AuctionCommand command, int outputs) {}

    static final long STARTING_PRICE_CENTS = 1_000;
    private static final int BIDDERS = 50;
    private static final int SELLERS = 100;
    private static final Duration DURATION = Duration.ofDays(1);

    private final String tag;
    private final int commands;
    private final int auctions;
    private final Instant receivedAt;
    private final BidIncrements increments;

    /**
     * @param tag makes the auction and command ids unique to a run
     * @param receivedAt the receipt time stamped on every command: the auctions are open for a day after it
     */
    public CommandPlan(String tag, int commands, int auctions, Instant receivedAt, BidIncrements increments) {
        if (auctions < 1 || commands < auctions) {
            throw new IllegalArgumentException("need at least one auction and a create for each: " + commands
                    + " commands, " + auctions + " auctions");
        }
        this.tag = tag;
        this.commands = commands;
        this.auctions = auctions;
        this.receivedAt = receivedAt;
        this.increments = increments;
    }

    public int commands() {
        return commands;
    }

    public int auctions() {
        return auctions;
    }

    public String auctionId(int auction) {
        return tag + "-a" + auction;
    }

    /** Whether bid number {@code bid} (from 0, over all auctions) offers the current price and must be rejected. */
    static boolean rejected(int bid, int auctions) {
        return (bid / auctions) % 10 == 9;
    }

    public long expectedEvents() {
        return auctions + acceptedBids();
    }

    public long expectedRejections() {
        return bids() - acceptedBids();
    }

    /** Every record the processor writes: an event and a state update per create and accepted bid, and rejections. */
    public long expectedOutputs() {
        return 2 * expectedEvents() + expectedRejections();
    }

    private long bids() {
        return commands - auctions;
    }

    private long acceptedBids() {
        long accepted = 0;
        for (int bid = 0; bid < bids(); bid++) {
            if (!rejected(bid, auctions)) {
                accepted++;
            }
        }
        return accepted;
    }

    /** Generates the plan in log order. */
    public void forEach(Consumer<Planned> sink) {
        long[] price = new long[auctions];
        int[] accepted = new int[auctions];
        for (int a = 0; a < auctions; a++) {
            sink.accept(new Planned(a, create(a), 2));
        }
        for (int bid = 0; bid < bids(); bid++) {
            int a = bid % auctions;
            int index = auctions + bid;
            String commandId = tag + "-c" + index;
            if (rejected(bid, auctions)) {
                // Not the leader, so this is judged on its amount alone: the current price is below the minimum.
                UserRef bidder = bidder(a + accepted[a] + BIDDERS / 2);
                long amount = price[a] == 0 ? STARTING_PRICE_CENTS - 1 : price[a];
                sink.accept(
                        new Planned(index, new PlaceBid(commandId, auctionId(a), receivedAt, bidder, amount, null), 1));
                continue;
            }
            long amount = price[a] == 0 ? STARTING_PRICE_CENTS : price[a] + increments.at(price[a]);
            // Consecutive accepted bids come from different bidders, so none is a leader raising their own maximum.
            UserRef bidder = bidder(a + accepted[a]);
            price[a] = amount;
            accepted[a]++;
            sink.accept(new Planned(index, new PlaceBid(commandId, auctionId(a), receivedAt, bidder, amount, null), 2));
        }
    }

    private CreateAuction create(int a) {
        UserRef seller = new UserRef("seller-" + (a % SELLERS), "Seller " + (a % SELLERS));
        return new CreateAuction(
                tag + "-c" + a,
                auctionId(a),
                receivedAt,
                seller,
                "Benchmark lot " + a,
                "A lot of the processor benchmark",
                STARTING_PRICE_CENTS,
                DURATION.toMillis(),
                null,
                null,
                AuctionMode.STANDARD,
                null,
                null);
    }

    private static UserRef bidder(int n) {
        int id = Math.floorMod(n, BIDDERS);
        return new UserRef("bidder-" + id, "Bidder " + id);
    }
}
