package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;

/**
 * Private outcomes of show commands on {@value Topics#SHOW_NOTICES}, keyed by show id, meant only for the user who
 * issued the command: every refusal, every pre-bid taken (a pre-bid has no public event), and the answers to repeated
 * commands.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ShowNotice.ShowCommandRejected.class),
    @JsonSubTypes.Type(ShowNotice.ShowCommandConfirmed.class)
})
public sealed interface ShowNotice {

    String commandId();

    String showId();

    /** The {@code type} of the command this answers, e.g. {@code run-lot}. */
    String commandType();

    UserRef user();

    Instant at();

    /** The command changed nothing. */
    @JsonTypeName("show-command-rejected")
    record ShowCommandRejected(
            String commandId,
            String showId,
            String commandType,
            UserRef user,
            Instant at,
            RejectionReason reason,
            String message)
            implements ShowNotice {}

    /**
     * The command was taken. {@code repeated} is true when this answers a command id seen before; {@code seq} is then
     * the show event that recorded the original, if any. For a pre-bid, {@code lotNo} and the bidder's own
     * {@code maxAmountCents}, told only to them.
     */
    @JsonTypeName("show-command-confirmed")
    record ShowCommandConfirmed(
            String commandId,
            String showId,
            String commandType,
            UserRef user,
            Instant at,
            Integer lotNo,
            Long maxAmountCents,
            boolean repeated,
            Long seq)
            implements ShowNotice {}
}
