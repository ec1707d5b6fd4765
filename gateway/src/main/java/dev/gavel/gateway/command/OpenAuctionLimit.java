package dev.gavel.gateway.command;

import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * How many auctions one seller may have open at once. The gateway decides it, not the processor: a seller's auctions
 * live on many partitions (they are keyed by auction id), and only the gateway's directory sees them all. It counts
 * the open auctions of the directory plus the creations this instance has produced and not yet seen decided, so a
 * burst of creations on one instance cannot pass the limit. Creations sent at the same moment through different
 * instances can, by at most one per instance: the limit keeps a seller from flooding the show, it is not a contract.
 */
public final class OpenAuctionLimit {

    private final int maxOpen;
    private final ToIntFunction<String> openAuctionsOf;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    /** @param openAuctionsOf the open auctions of a seller id, as the directory knows them */
    public OpenAuctionLimit(int maxOpen, ToIntFunction<String> openAuctionsOf) {
        this.maxOpen = maxOpen;
        this.openAuctionsOf = openAuctionsOf;
    }

    /**
     * Holds a place for one creation by {@code sellerId} until {@link #release}.
     *
     * @throws ProtocolException with {@link ErrorCode#TOO_MANY_OPEN_AUCTIONS} if the seller has no place left
     */
    void reserve(String sellerId) {
        // compute() runs atomically per seller: two creations cannot both take the last place.
        inFlight.compute(sellerId, (id, pending) -> {
            int held = pending == null ? 0 : pending;
            if (openAuctionsOf.applyAsInt(id) + held >= maxOpen) {
                throw new ProtocolException(
                        ErrorCode.TOO_MANY_OPEN_AUCTIONS,
                        "a seller may have at most " + maxOpen + " open auctions: wait until one ends");
            }
            return held + 1;
        });
    }

    /** Gives the place back once the creation is decided: the directory counts it from then on, if it was made. */
    void release(String sellerId) {
        inFlight.computeIfPresent(sellerId, (id, pending) -> pending <= 1 ? null : pending - 1);
    }
}
