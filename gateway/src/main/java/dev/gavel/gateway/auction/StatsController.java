package dev.gavel.gateway.auction;

import dev.gavel.gateway.protocol.StatsDto;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The show's live statistics, for anyone: the same as the lobby's {@code stats} message. */
@RestController
class StatsController {

    private final StatsBoard board;

    StatsController(StatsBoard board) {
        this.board = board;
    }

    @GetMapping("/api/stats")
    StatsDto stats() {
        return board.current();
    }
}
