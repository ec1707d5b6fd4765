package dev.gavel.systemtests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When the show audit excuses a viewer that was not shown a lot run (started at seq 5, ended at seq 6). */
class ShowAuditTest {

    private static final long STARTED = 5;
    private static final long ENDED = 6;

    @Test
    void aViewerThatLostItsConnectionAfterTheStartAndCameBackAfterTheEndWasAway() {
        List<History.SeenShow> stream = List.of(updated(4, 1), updated(STARTED, 1), snapshot(7, 2));

        assertThat(ShowAudit.awayForTheRest(stream, STARTED, ENDED)).isTrue();
    }

    @Test
    void aViewerThatCameBackBeforeTheEndWasNotAway() {
        List<History.SeenShow> stream = List.of(updated(STARTED, 1), snapshot(STARTED, 2), updated(ENDED, 2));

        assertThat(ShowAudit.awayForTheRest(stream, STARTED, ENDED)).isFalse();
    }

    @Test
    void aViewerConnectedThroughTheRunWasNotAway() {
        List<History.SeenShow> stream = List.of(updated(4, 1), updated(STARTED, 1), updated(ENDED, 1), updated(7, 1));

        assertThat(ShowAudit.awayForTheRest(stream, STARTED, ENDED)).isFalse();
    }

    @Test
    void aSnapshotJumpingOverTheWholeRunMeansTheViewerWasAway() {
        List<History.SeenShow> stream = List.of(updated(4, 1), snapshot(7, 1));

        assertThat(ShowAudit.awayForTheRest(stream, STARTED, ENDED)).isTrue();
    }

    @Test
    void aSnapshotFromAfterTheStartOnTheSameConnectionDoesNotExcuseTheLot() {
        List<History.SeenShow> stream = List.of(updated(STARTED, 1), snapshot(7, 1));

        assertThat(ShowAudit.awayForTheRest(stream, STARTED, ENDED)).isFalse();
    }

    private static History.SeenShow updated(long seq, int connection) {
        return new History.SeenShow("ann", "show-1", seq, false, null, connection);
    }

    private static History.SeenShow snapshot(long seq, int connection) {
        return new History.SeenShow("ann", "show-1", seq, true, null, connection);
    }
}
