package dev.gavel.loadgen.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestLedgerTest {

    private final Failures failures = new Failures();
    private final RequestLedger<String> ledger = new RequestLedger<>(failures);

    @Test
    void matchesEachReplyToItsRequestOnce() throws InterruptedException {
        ledger.sent("r1", "first");
        ledger.sent("r2", "second");

        assertThat(ledger.answered("r2", "bid-accepted")).isEqualTo("second");
        assertThat(ledger.answered("r1", "bid-rejected")).isEqualTo("first");
        assertThat(ledger.awaitAnswers(0)).isZero();
        assertThat(failures.isEmpty()).isTrue();
    }

    @Test
    void aSecondReplyOrAReplyToNothingIsAFailure() {
        ledger.sent("r1", "first");
        ledger.answered("r1", "bid-accepted");

        assertThat(ledger.answered("r1", "bid-accepted")).isNull();
        assertThat(ledger.answered("never-sent", "bid-rejected")).isNull();
        assertThat(ledger.answered(null, "error")).isNull();

        assertThat(failures.summary()).startsWith("reply to an unknown or already answered request: 3");
    }

    @Test
    void requestsStillPendingAtTheEndAreLost() throws InterruptedException {
        ledger.sent("r1", "first");
        ledger.sent("r2", "second");
        ledger.answered("r1", "bid-accepted");

        assertThat(ledger.awaitAnswers(0)).isEqualTo(1);

        assertThat(ledger.outstanding()).isZero();
        assertThat(failures.summary()).startsWith("no reply: 1").contains("request r2 was never answered");
    }

    @Test
    void refusesToReuseARequestId() {
        ledger.sent("r1", "first");

        assertThatThrownBy(() -> ledger.sent("r1", "again")).isInstanceOf(IllegalStateException.class);
    }
}
