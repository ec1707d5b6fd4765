package dev.gavel.gateway.session;

import dev.gavel.gateway.auction.AuctionDirectory;
import dev.gavel.gateway.auction.StatsBoard;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.show.ShowDirectory;
import dev.gavel.gateway.testing.CommandLog;
import dev.gavel.gateway.testing.ManualScheduler;
import dev.gavel.gateway.testing.MutableClock;
import java.time.Duration;

/**
 * A {@link MessageRouter} wired as in the gateway, over a directory that sends every event at once, a command log the
 * test answers, and a subscription retry timer the test runs.
 */
final class RouterFixture {

    static final Duration UNKNOWN_AUCTION_WAIT = Duration.ofSeconds(2);
    static final int MESSAGE_BURST = 3;
    static final int COMMAND_BURST = 2;

    final MutableClock clock = new MutableClock();
    final FrameWriter frames = new FrameWriter(clock);
    final AuctionDirectory directory =
            new AuctionDirectory(frames, 16, Duration.ZERO, Integer.MAX_VALUE, new ManualScheduler());
    final ShowDirectory shows = new ShowDirectory(frames);
    final StatsBoard stats = new StatsBoard(directory, frames);
    final CommandLog commands = new CommandLog(clock, COMMAND_BURST);
    final ManualScheduler retries = new ManualScheduler();
    final MessageRouter router = new MessageRouter(
            directory,
            shows,
            stats,
            commands.gateway(),
            frames,
            retries,
            clock,
            UNKNOWN_AUCTION_WAIT,
            MESSAGE_BURST,
            SessionBuilder.MAX_MESSAGE_BYTES);
}
