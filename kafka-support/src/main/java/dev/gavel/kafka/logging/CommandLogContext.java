package dev.gavel.kafka.logging;

import org.slf4j.MDC;

/**
 * The ids of the command being handled, in the logging context (MDC) of the thread that handles it: every log line
 * written meanwhile carries them, as fields of its own in structured logs ({@code logging.structured.format.console}).
 *
 * <pre>{@code
 * try (CommandLogContext ignored = CommandLogContext.of(command.auctionId(), command.commandId())) { ... }
 * }</pre>
 */
public final class CommandLogContext implements AutoCloseable {

    public static final String AUCTION_ID = "auctionId";
    public static final String COMMAND_ID = "commandId";

    private CommandLogContext() {}

    /** Puts the ids that are known (not null) into the context until {@link #close()}. */
    public static CommandLogContext of(String auctionId, String commandId) {
        put(AUCTION_ID, auctionId);
        put(COMMAND_ID, commandId);
        return new CommandLogContext();
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        MDC.remove(AUCTION_ID);
        MDC.remove(COMMAND_ID);
    }
}
