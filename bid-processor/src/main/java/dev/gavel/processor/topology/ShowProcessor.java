package dev.gavel.processor.topology;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.LotIds;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowEvent.LotStarted;
import dev.gavel.events.ShowNotice;
import dev.gavel.events.ShowNotice.ShowCommandConfirmed;
import dev.gavel.events.ShowNotice.ShowCommandRejected;
import dev.gavel.kafka.logging.CommandLogContext;
import dev.gavel.processor.show.Show;
import dev.gavel.processor.show.ShowDecision;
import dev.gavel.processor.show.ShowRules;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Streams adapter around {@link ShowRules}: reads a show command, remembers its outcome, keeps the show in
 * its store and routes the results to their topics. When a lot runs, the creation of its auction and its pre-bids
 * are appended to the auctions' command log in the same transaction as the show's {@code lot-started}, so the lot
 * opens exactly once; a replay finds them in that log already.
 */
final class ShowProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger log = LoggerFactory.getLogger(ShowProcessor.class);

    private static final String PROCESSED_SEPARATOR = "/";

    private final EngineSettings settings;
    private final ShowRules rules = new ShowRules();
    private final JsonSerde<ShowCommand> commandSerde = JsonSerde.showCommands();

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Show> shows;
    private KeyValueStore<String, ShowNotice> processed;

    ShowProcessor(EngineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.shows = context.getStateStore(StoreNames.SHOWS);
        this.processed = context.getStateStore(StoreNames.SHOW_PROCESSED_COMMANDS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ShowCommand command;
        try {
            command = commandSerde.deserialize(settings.topics().showCommands(), record.value());
        } catch (SerializationException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (command == null) {
            deadLetter(record, "empty command");
        } else if (!LotIds.SHOW_ID.matcher(command.showId()).matches()) {
            deadLetter(record, "invalid showId '" + command.showId() + "'");
        } else if (!command.showId().equals(record.key())) {
            deadLetter(record, "record key '" + record.key() + "' is not the showId '" + command.showId() + "'");
        } else {
            try (CommandLogContext ignored = CommandLogContext.of(command.showId(), command.commandId())) {
                decide(command, record.timestamp());
            } catch (RuntimeException e) {
                // A bug must not stop every show on this partition: park the command and keep going.
                log.error("Could not process show command {}", command.commandId(), e);
                deadLetter(record, "processing failed: " + e);
            }
        }
    }

    private void decide(ShowCommand command, long timestamp) {
        String showId = command.showId();
        String processedKey = showId + PROCESSED_SEPARATOR + command.commandId();
        if (command.issuer() != null) {
            ShowNotice seen = processed.get(processedKey);
            if (seen != null) {
                send(ShowTopology.NOTICES_SINK, showId, answerAgain(seen, command), timestamp);
                return;
            }
        }
        Show before = shows.get(showId);
        ShowDecision decision = rules.decide(before, command);
        Show after = decision.show();
        if (after != before) {
            shows.put(showId, after);
        }
        for (ShowEvent event : decision.events()) {
            send(ShowTopology.EVENTS_SINK, showId, event, timestamp);
        }
        if (after != null && !decision.events().isEmpty()) {
            send(ShowTopology.STATE_SINK, showId, after.view(), timestamp);
        }
        if (decision.replyIsPrivate()) {
            send(ShowTopology.NOTICES_SINK, showId, decision.reply(), timestamp);
        }
        if (decision.reply() != null && after != null) {
            processed.put(processedKey, decision.reply());
        }
        if (settings.scheduleEndings()) {
            for (AuctionCommand lotCommand : decision.auctionCommands()) {
                send(ShowTopology.AUCTION_COMMANDS_SINK, lotCommand.auctionId(), lotCommand, timestamp);
            }
        }
        if (decision.events().stream().anyMatch(LotStarted.class::isInstance)) {
            // A lot opens for every viewer at once: its start is committed without waiting for the interval.
            context.commit();
        }
    }

    /** A command id seen before gets its original outcome, or a refusal if it now names another command. */
    private static ShowNotice answerAgain(ShowNotice seen, ShowCommand command) {
        if (!seen.commandType().equals(command.commandType())) {
            return new ShowCommandRejected(
                    command.commandId(),
                    command.showId(),
                    command.commandType(),
                    command.issuer(),
                    command.receivedAt(),
                    RejectionReason.DUPLICATE_COMMAND_ID,
                    "command id " + command.commandId() + " was already used for a " + seen.commandType());
        }
        if (seen instanceof ShowCommandConfirmed confirmed) {
            return new ShowCommandConfirmed(
                    confirmed.commandId(),
                    confirmed.showId(),
                    confirmed.commandType(),
                    confirmed.user(),
                    confirmed.at(),
                    confirmed.lotNo(),
                    confirmed.maxAmountCents(),
                    true,
                    confirmed.seq());
        }
        return seen;
    }

    private void send(String sink, String key, Object value, long timestamp) {
        context.forward(new Record<>(key, value, timestamp), sink);
    }

    private void deadLetter(Record<String, byte[]> record, String error) {
        log.warn("Dead-lettering a record of {}: {}", settings.topics().showCommands(), error);
        DeadLetters.park(context, record, error, ShowTopology.DEAD_LETTER_SINK);
    }
}
