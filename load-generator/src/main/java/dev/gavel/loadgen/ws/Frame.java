package dev.gavel.loadgen.ws;

/**
 * The fields of a server message that the scenarios look at, flattened: for {@code auction-created} and
 * {@code snapshot}, the auction's fields. Amounts are in cents; absent numbers are -1 and absent strings null.
 *
 * @param minimumCents {@code minimumBid} of a rejection, or {@code minimumNextBid} of an update or an auction
 * @param resync a snapshot that replaces events the client did not get: it fell behind, or resumed too late
 */
public record Frame(
        String type,
        String requestId,
        String auctionId,
        long seq,
        long amountCents,
        long currentBidCents,
        long minimumCents,
        String bidderId,
        String leaderId,
        boolean leading,
        long endsAt,
        long endedAt,
        String reason,
        String code,
        String outcome,
        String status,
        boolean resync) {

    public boolean is(String messageType) {
        return messageType.equals(type);
    }
}
