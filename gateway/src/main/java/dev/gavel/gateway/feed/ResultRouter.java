package dev.gavel.gateway.feed;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowNotice;
import dev.gavel.events.ShowNotice.ShowCommandConfirmed;
import dev.gavel.events.ShowNotice.ShowCommandRejected;
import dev.gavel.events.ShowStats;
import dev.gavel.events.ShowView;
import dev.gavel.events.ShowViewers;
import dev.gavel.events.Topics;
import dev.gavel.gateway.auction.AuctionDirectory;
import dev.gavel.gateway.auction.StatsBoard;
import dev.gavel.gateway.command.CommandOutcome;
import dev.gavel.gateway.command.CommandService;
import dev.gavel.gateway.show.ShowDirectory;
import dev.gavel.gateway.show.ViewerCounts;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each record of the processor's output goes. An event goes to the directory, which sends it to the auction's
 * subscribers, and then, with the auction after it, to the command it answers: a bidder's reply never asks the
 * directory again. A private outcome goes to its command, a confirmation with the auction as the directory knows it.
 * Statistics go to the lobby's board, snapshots to the directory. An unreadable record is skipped.
 */
public class ResultRouter {

    private static final Logger log = LoggerFactory.getLogger(ResultRouter.class);

    private final AuctionDirectory directory;
    private final ShowDirectory shows;
    private final ViewerCounts viewers;
    private final CommandService commands;
    private final StatsBoard board;
    private final JsonSerde<AuctionEvent> events = JsonSerde.events();
    private final JsonSerde<BidderNotice> notices = JsonSerde.notices();
    private final JsonSerde<AuctionView> views = JsonSerde.views();
    private final JsonSerde<ShowStats> stats = JsonSerde.stats();
    private final JsonSerde<ShowEvent> showEvents = JsonSerde.showEvents();
    private final JsonSerde<ShowNotice> showNotices = JsonSerde.showNotices();
    private final JsonSerde<ShowView> showViews = JsonSerde.showViews();
    private final JsonSerde<ShowViewers> showViewers = JsonSerde.showViewers();

    public ResultRouter(
            AuctionDirectory directory,
            ShowDirectory shows,
            ViewerCounts viewers,
            CommandService commands,
            StatsBoard board) {
        this.directory = directory;
        this.shows = shows;
        this.viewers = viewers;
        this.commands = commands;
        this.board = board;
    }

    /** Loads a snapshot of {@code auction-state} or {@code show-state}; see {@link AuctionDirectory#restore}. */
    void restore(ConsumerRecord<String, byte[]> record, Instant forgetEndedBefore) {
        try {
            if (record.topic().equals(Topics.SHOW_STATE)) {
                shows.restore(record.key(), showViews.deserialize(record.topic(), record.value()));
                return;
            }
            directory.restore(record.key(), views.deserialize(record.topic(), record.value()), forgetEndedBefore);
        } catch (SerializationException e) {
            log.warn("Skipping unreadable snapshot at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    /** Takes a record of the auctions' or shows' events or private outcomes, or of {@code show-stats}. */
    void route(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(Topics.AUCTION_EVENTS)) {
                AuctionEvent event = events.deserialize(record.topic(), record.value());
                AuctionView after = directory.publish(event);
                if (after != null) {
                    commands.complete(event.commandId(), new CommandOutcome.Accepted(event, after));
                }
            } else if (record.topic().equals(Topics.SHOW_STATS)) {
                board.apply(stats.deserialize(record.topic(), record.value()));
            } else if (record.topic().equals(Topics.SHOW_VIEWERS)) {
                if (record.value() != null) {
                    viewers.heard(showViewers.deserialize(record.topic(), record.value()));
                }
            } else if (record.topic().equals(Topics.SHOW_EVENTS)) {
                ShowEvent event = showEvents.deserialize(record.topic(), record.value());
                ShowView after = shows.publish(event);
                if (after != null) {
                    commands.complete(event.commandId(), new CommandOutcome.ShowAccepted(event, after));
                }
            } else if (record.topic().equals(Topics.SHOW_NOTICES)) {
                ShowNotice notice = showNotices.deserialize(record.topic(), record.value());
                commands.complete(notice.commandId(), outcomeOf(notice));
            } else {
                BidderNotice notice = notices.deserialize(record.topic(), record.value());
                commands.complete(notice.commandId(), outcomeOf(notice));
            }
        } catch (SerializationException e) {
            log.warn("Skipping unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
        }
    }

    /** How many auctions the directory holds. */
    int auctions() {
        return directory.size();
    }

    private CommandOutcome outcomeOf(ShowNotice notice) {
        if (notice instanceof ShowCommandRejected rejected) {
            return new CommandOutcome.ShowRejected(rejected);
        }
        return new CommandOutcome.ShowConfirmed(
                (ShowCommandConfirmed) notice, shows.find(notice.showId()).orElse(null));
    }

    private CommandOutcome outcomeOf(BidderNotice notice) {
        if (notice instanceof CommandRejected rejected) {
            return new CommandOutcome.Rejected(rejected);
        }
        return new CommandOutcome.Confirmed(
                (CommandConfirmed) notice, directory.find(notice.auctionId()).orElse(null));
    }
}
