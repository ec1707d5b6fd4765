package dev.gavel.gateway;

import dev.gavel.gateway.auction.AuctionDirectory;
import dev.gavel.gateway.auction.StatsBoard;
import dev.gavel.gateway.command.CommandService;
import dev.gavel.gateway.show.ViewerCounts;
import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Periodic chores: answer overdue commands, forget long-ended auctions, send the lobby the latest statistics and the
 * shows' viewers their audience.
 */
@Component
class Housekeeping {

    private final CommandService commands;
    private final AuctionDirectory directory;
    private final StatsBoard stats;
    private final ViewerCounts viewers;
    private final GatewayProperties gateway;
    private final Clock clock;

    Housekeeping(
            CommandService commands,
            AuctionDirectory directory,
            StatsBoard stats,
            ViewerCounts viewers,
            GatewayProperties gateway,
            Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.stats = stats;
        this.viewers = viewers;
        this.gateway = gateway;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 100)
    void answerOverdueCommands() {
        commands.expireOverdue();
    }

    /** Statistics change with nearly every bid; a lobby needs them no more than once a second. */
    @Scheduled(fixedDelay = 1_000)
    void publishStats() {
        stats.publishIfChanged();
    }

    /** A show's audience, across instances, at most once a second. */
    @Scheduled(fixedDelay = 1_000)
    void countViewers() {
        viewers.tick();
    }

    @Scheduled(fixedDelay = 30_000)
    void forgetEndedAuctions() {
        directory.evictEndedBefore(clock.instant().minus(gateway.endedAuctionTtl()));
    }
}
