package dev.gavel.loadgen.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeqCheckerTest {

    private final Failures failures = new Failures();
    private final SeqChecker checker = new SeqChecker("viewer-1", failures);

    @Test
    void acceptsEveryEventAfterTheSnapshotInOrder() {
        checker.snapshot("a", 4);

        assertThat(checker.event("a", 5)).isTrue();
        assertThat(checker.event("a", 6)).isTrue();
        assertThat(checker.lastSeq("a")).isEqualTo(6);
        assertThat(failures.isEmpty()).isTrue();
    }

    @Test
    void keepsAuctionsApart() {
        checker.snapshot("a", 1);
        checker.snapshot("b", 10);

        assertThat(checker.event("b", 11)).isTrue();
        assertThat(checker.event("a", 2)).isTrue();
        assertThat(failures.isEmpty()).isTrue();
    }

    @Test
    void reportsAGapAndCarriesOnFromTheNewSeq() {
        checker.snapshot("a", 1);

        assertThat(checker.event("a", 3)).isFalse();
        assertThat(checker.event("a", 4)).isTrue();

        assertThat(failures.summary()).startsWith("gap in seq: 1").contains("got seq 3 of a right after 1");
    }

    @Test
    void reportsADuplicateOrAnEventFromThePast() {
        checker.snapshot("a", 1);
        checker.event("a", 2);

        assertThat(checker.event("a", 2)).isFalse();
        assertThat(checker.event("a", 1)).isFalse();

        assertThat(failures.total()).isEqualTo(2);
        assertThat(failures.summary()).startsWith("duplicate seq: 2");
    }

    @Test
    void reportsAnEventBeforeAnySnapshotAndASecondSnapshot() {
        assertThat(checker.event("a", 1)).isFalse();
        checker.snapshot("b", 1);
        checker.snapshot("b", 1);

        assertThat(failures.summary()).contains("event before snapshot: 1").contains("repeated snapshot: 1");
        assertThatThrownBy(() -> failures.throwIfAny("fanout"))
                .isInstanceOf(RunFailure.class)
                .hasMessageContaining("fanout: the system under test lost or mangled messages");
    }

    @Test
    void aResyncMaySkipEventsOrRepeatTheLastSeqButNotGoBack() {
        checker.snapshot("a", 1);

        assertThat(checker.resync("a", 5)).isTrue();
        assertThat(checker.resync("a", 5)).isTrue();
        assertThat(checker.resync("a", 4)).isFalse();

        assertThat(failures.summary()).startsWith("stale resync: 1").contains("at seq 4 of a after 5");
    }

    @Test
    void aStateMaySkipEventsButNeitherRepeatTheLastSeqNorGoBack() {
        checker.snapshot("a", 1);

        assertThat(checker.state("a", 5)).isTrue();
        assertThat(checker.state("a", 5)).isFalse();
        assertThat(checker.state("a", 3)).isFalse();
        assertThat(checker.lastSeq("a")).isEqualTo(5);

        assertThat(failures.summary()).startsWith("stale state: 2");
    }
}
