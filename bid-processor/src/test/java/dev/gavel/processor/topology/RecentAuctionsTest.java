package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Commands.AUCTION_ID;
import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.RejectionReason;
import dev.gavel.processor.auction.Auction;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decoded auctions a task keeps, and the command ids it knows are remembered for them, are only a copy of its
 * stores: when the task starts again, for instance on state restored from its changelog, the processor reads the
 * stores, not what it kept before.
 */
class RecentAuctionsTest {

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>(config());
    private final AuctionProcessor processor =
            new AuctionProcessor(EngineSettings.defaults(), ProcessorMetrics.unobserved());
    private KeyValueStore<String, Auction> auctions;

    @BeforeEach
    void givenATaskWithItsStores() {
        auctions = store(StoreNames.AUCTIONS, StoreSerdes.auctions());
        store(StoreNames.PROCESSED_COMMANDS, StoreSerdes.processedCommands());
        store(StoreNames.DEADLINES, Serdes.String());
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        processor.init(context);
    }

    @Test
    void restartedTaskDecidesFromItsStoreNotFromTheAuctionsItKept() {
        process(create().build());
        assertThat(auctions.get(AUCTION_ID)).isNotNull();

        // The task starts again on a store that, restored from its changelog, does not hold the auction.
        auctions.delete(AUCTION_ID);
        processor.close();
        processor.init(context);
        context.resetForwards();
        process(bid().by(BOB).amount("12.00").build());

        assertOnlyOutcomeIsRejection(RejectionReason.AUCTION_NOT_FOUND);
    }

    @Test
    void restartedTaskSeesEveryChangeItWroteThrough() {
        process(create().build());
        process(bid().by(BOB).amount("12.00").build());

        processor.close();
        processor.init(context);
        context.resetForwards();
        process(bid().by(CAROL).amount("12.00").build());

        assertOnlyOutcomeIsRejection(RejectionReason.BID_TOO_LOW);
    }

    @Test
    void restartedTaskStillRecognisesACommandItRemembered() {
        process(create().build());
        process(bid().id("bid-1").by(BOB).amount("12.00").build());

        processor.close();
        processor.init(context);
        context.resetForwards();
        process(bid().id("bid-1").by(BOB).amount("12.00").build());

        assertThat(forwarded())
                .singleElement()
                .isInstanceOfSatisfying(
                        CommandConfirmed.class,
                        confirmed -> assertThat(confirmed.repeated()).isTrue());
    }

    private void process(AuctionCommand command) {
        byte[] value = JsonSerde.commands().serialize("commands", command);
        processor.process(
                new Record<>(command.auctionId(), value, command.receivedAt().toEpochMilli()));
    }

    private List<Object> forwarded() {
        return context.forwarded().stream()
                .map(CapturedForward::record)
                .map(Record::value)
                .map(Object.class::cast)
                .toList();
    }

    private void assertOnlyOutcomeIsRejection(RejectionReason reason) {
        assertThat(forwarded())
                .singleElement()
                .isInstanceOfSatisfying(
                        CommandRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "recent-auctions-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return config;
    }
}
