package dev.gavel.gateway.show;

import dev.gavel.gateway.command.CommandFactory;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.protocol.ShowDto;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shows over REST, to read: the lobby's list and one show. Hosts and bidders act on shows over the WebSocket. */
@RestController
@RequestMapping("/api/shows")
class ShowController {

    static final int MAX_PAGE_SIZE = 100;

    private final ShowDirectory shows;

    ShowController(ShowDirectory shows) {
        this.shows = shows;
    }

    record Page(List<ShowDto> items, int page, int size, int totalItems) {}

    /** Live shows first, then the upcoming ones soonest first, then the ended ones latest first. */
    @GetMapping
    Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProtocolException(
                    ErrorCode.INVALID_MESSAGE, "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        List<ShowDto> all = shows.list().stream().map(ShowDto::of).toList();
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return new Page(all.subList(from, to), page, size, all.size());
    }

    @GetMapping("/{showId}")
    ShowDto show(@PathVariable String showId) {
        return shows.find(CommandFactory.showId(showId))
                .map(ShowDto::of)
                .orElseThrow(() -> new ProtocolException(ErrorCode.SHOW_NOT_FOUND, "there is no show " + showId));
    }
}
