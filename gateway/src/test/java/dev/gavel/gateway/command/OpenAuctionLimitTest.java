package dev.gavel.gateway.command;

import static dev.gavel.gateway.testing.Requests.createAuction;
import static dev.gavel.gateway.testing.Users.BOB;
import static dev.gavel.gateway.testing.Users.SAM_THE_SELLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gavel.events.RejectionReason;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.testing.CommandLog;
import dev.gavel.gateway.testing.MutableClock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenAuctionLimitTest {

    private static final int MAX_OPEN = 3;

    /** The open auctions of each seller, as the directory would count them. */
    private final Map<String, Integer> open = new HashMap<>();

    private final CommandLog log = new CommandLog(
            new MutableClock(),
            100,
            new Permissions(false),
            new OpenAuctionLimit(MAX_OPEN, seller -> open.getOrDefault(seller, 0)));

    private void create() {
        log.gateway().submit(SAM_THE_SELLER, Set.of(), createAuction().build());
    }

    private ProtocolException refusedCreate() {
        return catchThrowableOfType(ProtocolException.class, this::create);
    }

    @Test
    void aSellerBelowTheLimitMayCreate() {
        open.put(SAM_THE_SELLER.id(), MAX_OPEN - 1);

        create();

        assertThat(log.produced()).hasSize(1);
    }

    @Test
    void aSellerAtTheLimitIsRefusedAndNothingIsProduced() {
        open.put(SAM_THE_SELLER.id(), MAX_OPEN);

        ProtocolException refused = refusedCreate();

        assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_OPEN_AUCTIONS);
        assertThat(refused.getMessage()).contains("at most 3 open auctions");
        assertThat(log.produced()).isEmpty();
    }

    @Test
    void creationsStillUndecidedCountAgainstTheLimit() {
        open.put(SAM_THE_SELLER.id(), MAX_OPEN - 2);
        create();
        create();

        assertThat(refusedCreate().code()).isEqualTo(ErrorCode.TOO_MANY_OPEN_AUCTIONS);
        assertThat(log.produced()).hasSize(2);
    }

    @Test
    void aDecidedCreationGivesItsPlaceBack() {
        open.put(SAM_THE_SELLER.id(), MAX_OPEN - 1);
        create();

        log.rejectLast(RejectionReason.INVALID_AUCTION);
        create();

        assertThat(log.produced()).hasSize(2);
    }

    @Test
    void theLimitIsPerSeller() {
        open.put(SAM_THE_SELLER.id(), MAX_OPEN);

        log.gateway().submit(BOB, Set.of(), createAuction().build());

        assertThat(log.last().issuer()).isEqualTo(BOB);
    }
}
