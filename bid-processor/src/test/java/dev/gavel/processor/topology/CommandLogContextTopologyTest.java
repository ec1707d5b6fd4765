package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.create;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gavel.events.AuctionCommand;
import dev.gavel.kafka.logging.CommandLogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every line the processor logs while it handles a command names the auction and the command. */
class CommandLogContextTopologyTest {

    private final EngineDriver engine = EngineDriver.live(T0);
    private final Logger logger = (Logger) LoggerFactory.getLogger(AuctionProcessor.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void captureLines() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void releaseLines() {
        logger.detachAppender(lines);
        engine.close();
    }

    @Test
    void aLineLoggedWhileHandlingACommandCarriesItsAuctionAndCommandIds() {
        AuctionCommand misrouted = bid().on("auction-7").id("cmd-7").build();

        engine.send("auction-8", misrouted);

        assertThat(lines.list)
                .singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap())
                        .containsEntry(CommandLogContext.AUCTION_ID, "auction-7")
                        .containsEntry(CommandLogContext.COMMAND_ID, "cmd-7"));
    }

    @Test
    void structuredLogsHaveTheIdsAsFieldsOfTheirOwn() {
        engine.send("auction-8", bid().on("auction-7").id("cmd-7").build());

        JsonNode line = JsonMapper.shared().readTree(ecs().encode(lines.list.get(0)));

        assertThat(line.path("auctionId").asString()).isEqualTo("auction-7");
        assertThat(line.path("commandId").asString()).isEqualTo("cmd-7");
        assertThat(line.path("message").asString()).contains("Dead-lettering");
    }

    @Test
    void theIdsLeaveTheContextWithTheCommand() {
        engine.send(create());
        engine.sendRaw("auction-8", "not a command".getBytes(UTF_8), T0);

        assertThat(lines.list)
                .singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap())
                        .doesNotContainKeys(CommandLogContext.AUCTION_ID, CommandLogContext.COMMAND_ID));
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    /** Boot's encoder as {@code logging.structured.format.console=ecs} configures it. */
    private static StructuredLogEncoder ecs() {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), new MockEnvironment());
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat("ecs");
        encoder.start();
        return encoder;
    }
}
