package dev.gavel.processor.topology;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionCommand.ExpireAuction;
import dev.gavel.events.AuctionCommand.GatewayWatermark;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.LotIds;
import dev.gavel.events.ShowCommand.LotAuctionEnded;
import dev.gavel.kafka.logging.CommandLogContext;
import dev.gavel.processor.auction.Auction;
import dev.gavel.processor.auction.AuctionRules;
import dev.gavel.processor.auction.Decision;
import dev.gavel.processor.auction.ProcessedCommand;
import dev.gavel.processor.topology.Deadlines.Due;
import dev.gavel.processor.topology.Deadlines.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Streams adapter around {@link AuctionRules}: reads a command, remembers its outcome, keeps the auction and
 * its deadlines in state stores and routes the results to their topics. An auction is closed on the watermark with
 * which every gateway has passed its end ({@link GatewayWatermarks}, ADR 19), in that watermark's transaction: which
 * gateways are waited for is itself decided by the log, so a replay closes at the same record. When no gateway says
 * so in time, a wall-clock punctuator appends a close command instead, and the rules decide the end when it is read
 * back. Either way the command log alone determines every event.
 */
final class AuctionProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger log = LoggerFactory.getLogger(AuctionProcessor.class);

    /** Auction ids become parts of store keys: keep them to characters that cannot collide with separators. */
    private static final Pattern AUCTION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private static final String PROCESSED_SEPARATOR = "/";

    /** Decoded auctions kept per task: a live show's open auctions, with room to spare. */
    private static final int RECENT_AUCTIONS = 4096;

    private final EngineSettings settings;
    private final ProcessorMetrics metrics;
    private final AuctionRules rules;
    private final JsonSerde<AuctionCommand> commandSerde = JsonSerde.commands();
    private final StringSerializer prefixSerializer = new StringSerializer();

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Auction> auctions;
    private KeyValueStore<String, ProcessedCommand> processed;
    private Deadlines deadlines;
    private GatewayWatermarks watermarks;

    /**
     * The processor's clock when a gateway was last heard, for the punctuator's fallback only: while gateways are
     * heard, a close waits for their watermarks up to {@code gatewayTimeout}; with none, {@code closeGrace}.
     */
    private long gatewayLastHeardAt;

    /**
     * Closes the punctuator has appended and not yet read back. Their deadlines stay in the index until the rules end
     * the auction, so that the index, which watermarks close from, depends on the log alone.
     */
    private final Set<String> closesRequested = new HashSet<>();

    /**
     * The auctions this task used last, as written to the store: most commands then read their auction without a
     * store read and a decode, and a new command id without a read of the processed-commands store. The stores stay
     * the truth; this copy is written through and starts empty whenever the task (re)starts, e.g. after its state
     * was restored.
     */
    private final Map<String, Cached> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > RECENT_AUCTIONS;
        }
    };

    /** An auction as stored, and which command ids the processed-commands store may remember for it. */
    private static final class Cached {
        private Auction auction;
        private final RememberedIds remembered;

        private Cached(Auction auction, RememberedIds remembered) {
            this.auction = auction;
            this.remembered = remembered;
        }
    }

    AuctionProcessor(EngineSettings settings, ProcessorMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.rules = new AuctionRules(settings.increments());
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.recent.clear();
        this.auctions = context.getStateStore(StoreNames.AUCTIONS);
        this.processed = context.getStateStore(StoreNames.PROCESSED_COMMANDS);
        this.deadlines = new Deadlines(context.getStateStore(StoreNames.DEADLINES));
        this.watermarks =
                new GatewayWatermarks(context.getStateStore(StoreNames.GATEWAY_WATERMARKS), settings.gatewayTimeout());
        // Gateways known before a restart may still be running: they are given their timeout to be heard again.
        this.gatewayLastHeardAt = watermarks.anyKnown() ? context.currentSystemTimeMs() : Long.MIN_VALUE / 2;
        this.closesRequested.clear();
        metrics.taskStarted(context.taskId().toString(), countOpenAuctions());
        if (settings.scheduleEndings()) {
            context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::requestDueCommands);
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        AuctionCommand command;
        try {
            command = commandSerde.deserialize(settings.topics().commands(), record.value());
        } catch (SerializationException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (command == null) {
            deadLetter(record, "empty command");
            return;
        }
        try (CommandLogContext ignored = CommandLogContext.of(command.auctionId(), command.commandId())) {
            route(record, command);
        }
    }

    private void route(Record<String, byte[]> record, AuctionCommand command) {
        if (command instanceof GatewayWatermark watermark) {
            if (watermark.gatewayId().equals(record.key())) {
                onWatermark(watermark, record.timestamp());
            } else {
                deadLetter(
                        record,
                        "record key '" + record.key() + "' is not the gatewayId '" + watermark.gatewayId() + "'");
            }
        } else if (!AUCTION_ID.matcher(command.auctionId()).matches()) {
            deadLetter(record, "invalid auctionId '" + command.auctionId() + "'");
        } else if (!command.auctionId().equals(record.key())) {
            deadLetter(record, "record key '" + record.key() + "' is not the auctionId '" + command.auctionId() + "'");
        } else {
            try {
                decide(command, record.timestamp());
            } catch (RuntimeException e) {
                // A bug must not stop every auction on this partition: park the command and keep going.
                log.error("Could not process command {}", command.commandId(), e);
                deadLetter(record, "processing failed: " + e);
            }
        }
    }

    private void decide(AuctionCommand command, long timestamp) {
        String auctionId = command.auctionId();
        String processedKey = auctionId + PROCESSED_SEPARATOR + command.commandId();
        Cached cached = cached(auctionId);
        Auction before = cached == null ? null : cached.auction;
        if (command.issuer() != null && (cached == null || cached.remembered.mayContain(command.commandId()))) {
            ProcessedCommand seen = processed.get(processedKey);
            if (seen != null) {
                BidderNotice answer = seen.answer(command, rules.minimumBidAt(before, command.receivedAt()));
                send(AuctionTopology.REJECTIONS_SINK, auctionId, answer, timestamp);
                metrics.repeated(command);
                return;
            }
        }
        Decision decision = rules.decide(before, command);
        metrics.decided(context.taskId().toString(), command, before, decision, context.currentSystemTimeMs());
        Auction after = decision.auction();
        if (after != before) {
            cached = store(auctionId, cached, before, after, timestamp);
        }
        for (AuctionEvent event : decision.events()) {
            send(AuctionTopology.EVENTS_SINK, auctionId, event, timestamp);
            if (event instanceof AuctionEnded ended) {
                tellTheShow(ended, timestamp);
                commitSoon();
            } else if (event instanceof AuctionCreated
                    && LotIds.parse(auctionId).isPresent()) {
                // A show's lot opens before its whole audience, which waits for it.
                commitSoon();
            }
        }
        if (after != null && !decision.events().isEmpty()) {
            send(AuctionTopology.STATE_SINK, auctionId, rules.view(after), timestamp);
        }
        if (decision.replyIsPrivate()) {
            send(AuctionTopology.REJECTIONS_SINK, auctionId, decision.reply(), timestamp);
        }
        // Outcomes are remembered while the auction exists; its expiry forgets them with it.
        if (decision.reply() != null && (before != null || after != null)) {
            processed.put(processedKey, ProcessedCommand.of(command, decision.reply()));
            if (cached != null) {
                cached.remembered.add(command.commandId());
            }
        }
    }

    /**
     * The end of a lot's auction is the show's to record: it is written to the show's command log in this transaction,
     * so the show learns it exactly once. A replay finds it in the log already.
     */
    private void tellTheShow(AuctionEnded ended, long timestamp) {
        if (!settings.scheduleEndings()) {
            return;
        }
        LotIds.parse(ended.auctionId())
                .ifPresent(lot -> send(
                        AuctionTopology.SHOW_COMMANDS_SINK,
                        lot.showId(),
                        new LotAuctionEnded(
                                "lot-end:" + ended.auctionId(),
                                lot.showId(),
                                ended.at(),
                                ended.auctionId(),
                                ended.outcome(),
                                ended.winner(),
                                ended.finalPriceCents()),
                        timestamp));
    }

    private Cached cached(String auctionId) {
        Cached cached = recent.get(auctionId);
        if (cached == null) {
            Auction stored = auctions.get(auctionId);
            if (stored != null) {
                // Which of its commands were remembered before is not known here: each one is looked up.
                cached = new Cached(stored, RememberedIds.unknown());
                recent.put(auctionId, cached);
            }
        }
        return cached;
    }

    /** Writes the auction's new state through; returns what is now kept of it, or null once it is deleted. */
    private Cached store(String auctionId, Cached cached, Auction before, Auction after, long timestamp) {
        if (after == null) {
            auctions.delete(auctionId);
            recent.remove(auctionId);
            processedKeys(auctionId).forEach(processed::delete);
            send(AuctionTopology.STATE_SINK, auctionId, null, timestamp);
            return null;
        }
        auctions.put(auctionId, after);
        if (cached == null) {
            // A new auction: normally nothing is remembered for it yet, but the store is the truth.
            String prefix = auctionId + PROCESSED_SEPARATOR;
            List<String> ids = processedKeys(auctionId).stream()
                    .map(key -> key.substring(prefix.length()))
                    .toList();
            cached = new Cached(after, RememberedIds.of(ids));
            recent.put(auctionId, cached);
        } else {
            cached.auction = after;
        }
        reschedule(before, after);
        return cached;
    }

    private void reschedule(Auction before, Auction after) {
        boolean wasOpen = before != null && before.status() == AuctionStatus.OPEN;
        if (after.status() == AuctionStatus.OPEN) {
            if (wasOpen && before.endsAt().equals(after.endsAt())) {
                return;
            }
            if (wasOpen) {
                cancelClose(before);
            }
            deadlines.schedule(Kind.CLOSE, after.id(), closeDue(after));
        } else if (wasOpen) {
            cancelClose(before);
            deadlines.schedule(Kind.EXPIRE, after.id(), after.endedAt().plus(settings.endedRetention()));
        }
    }

    private void cancelClose(Auction before) {
        closesRequested.remove(deadlines.cancel(Kind.CLOSE, before.id(), closeDue(before)));
    }

    /** A close is looked at from the auction's end on. */
    private Instant closeDue(Auction auction) {
        return auction.endsAt();
    }

    /**
     * A gateway's progress. The auctions that every gateway still waited for has now passed are closed here, in this
     * record's transaction: one commit, not two, between the last watermark an ending needs and the ending. The
     * close is also appended to the log, where it records the decision and is ignored when read back.
     */
    private void onWatermark(GatewayWatermark watermark, long timestamp) {
        gatewayLastHeardAt = context.currentSystemTimeMs();
        long everyone = watermarks.heard(
                watermark.gatewayId(), watermark.receivedBefore().toEpochMilli());
        for (Due due : deadlines.dueAt(everyone)) {
            if (due.kind() == Kind.CLOSE) {
                CloseAuction close = closeCommand(due, everyone);
                try {
                    decide(close, timestamp);
                } catch (RuntimeException e) {
                    // A bug must not stop this partition at every watermark: the close is read back, and
                    // dead-lettered, as any command that fails.
                    log.error("Could not close auction {} on a watermark", due.auctionId(), e);
                    deadlines.remove(due);
                }
                if (settings.scheduleEndings()) {
                    send(AuctionTopology.COMMANDS_SINK, due.auctionId(), close, context.currentSystemTimeMs());
                }
            }
        }
    }

    /**
     * The fallback: appends a close for every auction that no watermark closed in time (no gateway is heard, or one
     * is still waited for after {@code gatewayTimeout}), and an expire for every ended auction whose retention is
     * over, so that the decision is in the log.
     */
    private void requestDueCommands(long now) {
        boolean gatewaysHeard =
                now - gatewayLastHeardAt < settings.gatewayTimeout().toMillis();
        long closeWait = (gatewaysHeard ? settings.gatewayTimeout() : settings.closeGrace()).toMillis();
        for (Due due : deadlines.dueAt(now)) {
            if (due.kind() == Kind.CLOSE) {
                if (due.dueMillis() + closeWait <= now && closesRequested.add(due.key())) {
                    send(AuctionTopology.COMMANDS_SINK, due.auctionId(), closeCommand(due, now), now);
                    commitSoon();
                }
            } else {
                deadlines.remove(due);
                String commandId = "expire:" + due.auctionId() + ":" + due.dueMillis();
                send(
                        AuctionTopology.COMMANDS_SINK,
                        due.auctionId(),
                        new ExpireAuction(commandId, due.auctionId(), Instant.ofEpochMilli(now)),
                        now);
            }
        }
    }

    /**
     * Every command received before {@code closeTime} is in the log ahead of this close, or no longer waited for. All
     * closes of an auction share one id, whichever end they were asked for: a close the punctuator wrote for an end a
     * bid has since extended still ends the auction once the extended end is passed, and the ending it decides is the
     * same, with the same id, as the one the watermarks decide before it is read (ADR 19).
     */
    private static CloseAuction closeCommand(Due due, long closeTime) {
        return new CloseAuction("close:" + due.auctionId(), due.auctionId(), Instant.ofEpochMilli(closeTime));
    }

    /**
     * An ending is seen by everyone at once: it is committed without waiting for the rest of the commit interval, and
     * so are a close the punctuator writes (its ending needs a second commit) and the opening of a show's lot. All are
     * rare next to bids, so this adds few commits.
     */
    private void commitSoon() {
        context.commit();
    }

    private List<String> processedKeys(String auctionId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ProcessedCommand> entries =
                processed.prefixScan(auctionId + PROCESSED_SEPARATOR, prefixSerializer)) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private void send(String sink, String key, Object value, long timestamp) {
        context.forward(new Record<>(key, value, timestamp), sink);
    }

    private long countOpenAuctions() {
        long open = 0;
        try (KeyValueIterator<String, Auction> all = auctions.all()) {
            while (all.hasNext()) {
                open += ProcessorMetrics.isOpen(all.next().value) ? 1 : 0;
            }
        }
        return open;
    }

    @Override
    public void close() {
        recent.clear();
        metrics.taskClosed(context.taskId().toString());
    }

    private void deadLetter(Record<String, byte[]> record, String error) {
        log.warn("Dead-lettering a record of {}: {}", settings.topics().commands(), error);
        metrics.deadLettered();
        DeadLetters.park(context, record, error, AuctionTopology.DEAD_LETTER_SINK);
    }
}
