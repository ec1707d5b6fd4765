package dev.gavel.events;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of the auction of a lot's run: {@code <showId>_<lotNo>_<run>}, e.g. {@code spring-sale_3_1}. Show ids have
 * no underscore and the gateway gives other auctions UUIDs, so the id alone says which show a lot's auction belongs
 * to, and the auctions' engine can tell the show that it ended without keeping anything of the show.
 */
public final class LotIds {

    /** What a show id may be: letters, digits and '-', so that it never contains the separator. */
    public static final Pattern SHOW_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private static final Pattern AUCTION_OF_LOT =
            Pattern.compile("([A-Za-z0-9-]{1,64})_([1-9][0-9]{0,8})_([1-9][0-9]{0,8})");

    private LotIds() {}

    /** The auction id of the {@code run}th run (from 1) of lot {@code lotNo} of show {@code showId}. */
    public static String auctionId(String showId, int lotNo, int run) {
        return showId + "_" + lotNo + "_" + run;
    }

    /** The show, lot and run an auction id names, if it is the id of a lot's run. */
    public static Optional<Lot> parse(String auctionId) {
        Matcher matcher = AUCTION_OF_LOT.matcher(auctionId);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(
                new Lot(matcher.group(1), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))));
    }

    /** A run of a lot of a show. */
    public record Lot(String showId, int lotNo, int run) {}
}
