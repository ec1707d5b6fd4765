package dev.gavel.loadgen.ws;

/**
 * The fields of a server message that the scenarios look at, flattened: for {@code auction-created} and
 * {@code snapshot}, the auction's fields; for the show messages, the show's ({@code showId}, {@code status},
 * {@code currentAuctionId}, its {@code seq}). Amounts are in cents; absent numbers are -1 and absent strings null.
 *
 * @param minimumCents {@code minimumBid} of a rejection, or {@code minimumNextBid} of an update or an auction
 * @param resync a snapshot that replaces events the client did not get: it fell behind, or resumed too late
 * @param lotNo the lot a show message concerns
 * @param change the show event a {@code show-updated} tells of ({@code lot-started}, ...)
 * @param viewers the audience a {@code show-viewers} counts
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
        boolean resync,
        String showId,
        int lotNo,
        String currentAuctionId,
        String change,
        long viewers) {

    public boolean is(String messageType) {
        return messageType.equals(type);
    }
}
