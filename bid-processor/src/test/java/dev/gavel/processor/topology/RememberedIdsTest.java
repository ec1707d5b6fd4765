package dev.gavel.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RememberedIdsTest {

    @Test
    void idNeverAddedIsCertainlyNotRemembered() {
        RememberedIds remembered = RememberedIds.of(List.of("bid-1", "bid-2"));

        assertThat(remembered.mayContain("bid-3")).isFalse();
    }

    @Test
    void idsGivenOrAddedMayBeRemembered() {
        RememberedIds remembered = RememberedIds.of(List.of("bid-1"));

        remembered.add("bid-2");

        assertThat(remembered.mayContain("bid-1")).isTrue();
        assertThat(remembered.mayContain("bid-2")).isTrue();
    }

    @Test
    void idSharingAHashWithARememberedOneMayBeRemembered() {
        RememberedIds remembered = RememberedIds.of(List.of("Aa"));

        assertThat(remembered.mayContain("BB")).isTrue();
    }

    @Test
    void auctionWhoseRememberedIdsAreUnknownMayRememberAnyId() {
        RememberedIds remembered = RememberedIds.unknown();
        remembered.add("bid-1");

        assertThat(remembered.mayContain("bid-2")).isTrue();
    }

    @Test
    void pastTheLimitAnyIdMayBeRemembered() {
        RememberedIds remembered = RememberedIds.of(List.of());
        for (int i = 0; i < RememberedIds.LIMIT; i++) {
            remembered.add("bid-" + i);
        }
        assertThat(remembered.mayContain("new")).isFalse();

        remembered.add("one-more");

        assertThat(remembered.mayContain("new")).isTrue();
    }
}
