package dev.gavel.systemtests.contract;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.message;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.JsonSerde;
import dev.gavel.events.LogReader;
import dev.gavel.events.Outcome;
import dev.gavel.events.Topics;
import dev.gavel.events.contract.ContractSchemas;
import dev.gavel.events.contract.SchemaSet;
import dev.gavel.systemtests.support.GavelStack;
import dev.gavel.systemtests.support.Json;
import dev.gavel.systemtests.support.KafkaBroker;
import dev.gavel.systemtests.support.Scenario;
import dev.gavel.systemtests.support.ShowHost;
import dev.gavel.systemtests.support.Users;
import dev.gavel.systemtests.support.Waits;
import dev.gavel.systemtests.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The topic contract, as a downstream consumer sees it: a show on its own broker writes every message type of every
 * topic (every command, rejections and confirmations, an extension, every outcome, an expiry's tombstone, a dead
 * letter, the statistics), and then every record of every topic is read back and checked against the schemas.
 */
class TopicContractTest {

    private static final ContractSchemas SCHEMAS = ContractSchemas.current();

    private static KafkaBroker broker;
    private static final Map<String, List<ConsumerRecord<String, byte[]>>> RECORDS = new HashMap<>();

    @BeforeAll
    static void runAShowThatWritesEveryMessageType() {
        broker = KafkaBroker.dedicated();
        // Ended auctions expire a second after their end, so that their snapshots are tombstoned during the test.
        GavelStack stack = GavelStack.start(broker.bootstrap(), Map.of("gavel.processor.ended-retention", "1s"));
        List<String> auctions = new ArrayList<>();
        try (Scenario scenario = new Scenario(stack)) {
            WsClient sam = scenario.connect("sam");
            WsClient bob = scenario.connect("bob");
            Users.User carolUser = scenario.user("carol");
            WsClient carol = scenario.connect(carolUser);
            WsClient mia = scenario.connect(scenario.user("mia", "moderator"));

            // Sold after proxy bidding; every bid has less than the soft-close window left, so each one extends.
            String sold =
                    scenario.open(sam, createAuction().with("durationMs", 5_000).with("softCloseMs", 6_000));
            scenario.request(bob, placeBid(sold, null).with("maxAmount", 300).with("bidId", "b-1"));
            scenario.request(bob, placeBid(sold, null).with("maxAmount", 300).with("bidId", "b-1"));
            scenario.request(carol, placeBid(sold, 150));
            scenario.request(bob, placeBid(sold, null).with("maxAmount", 400));
            scenario.request(carol, placeBid(sold, 1));
            scenario.request(
                    mia,
                    message("moderate-auction")
                            .with("auctionId", sold)
                            .with("action", "remove-bidder")
                            .with("bidderId", carolUser.id()));
            auctions.add(sold);

            String reserveNotMet = scenario.open(
                    sam,
                    createAuction()
                            .with("durationMs", 5_000)
                            .with("reservePrice", 500)
                            .with("mode", "sudden-death")
                            .with("softCloseMs", 0));
            scenario.request(carol, placeBid(reserveNotMet, 100));
            auctions.add(reserveNotMet);

            auctions.add(scenario.open(sam, createAuction().with("durationMs", 5_000)));

            String cancelled = scenario.open(sam, createAuction());
            scenario.request(bob, message("cancel-auction").with("auctionId", cancelled));
            scenario.request(sam, message("cancel-auction").with("auctionId", cancelled));
            auctions.add(cancelled);

            String boughtNow =
                    scenario.open(sam, createAuction().with("buyNowPrice", 250).with("maxExtensionMs", 60_000));
            scenario.request(bob, message("buy-now").with("auctionId", boughtNow));
            auctions.add(boughtNow);

            // A show: every show command, a pre-bid taken and one refused, a lot sold, the show ended.
            ShowHost host = ShowHost.announce(scenario, sam, "Spring vinyl drop");
            // Bob watches: the gateway writes its count of the show's viewers.
            scenario.request(bob, message("subscribe-show").with("showId", host.showId()));
            host.addLot("Signed LP", 20, null, null);
            host.addLot("Poster", 5, 50, 90);
            host.addLot("Tote bag", 10, null, null);
            host.request(message("remove-lot").with("lotNo", 3));
            host.request(message("move-lot").with("lotNo", 2).with("position", 0));
            scenario.request(
                    bob,
                    message("place-pre-bid")
                            .with("showId", host.showId())
                            .with("lotNo", 1)
                            .with("maxAmount", 30));
            host.request(message("place-pre-bid").with("lotNo", 1).with("maxAmount", 30));
            host.start();
            auctions.add(host.run(1, Duration.ofSeconds(5)));
            Waits.until(
                    "the show's lot has ended",
                    () -> stack.http()
                            .get("/api/shows/" + host.showId(), null)
                            .json()
                            .path("currentLotNo")
                            .isNull());
            host.end();
        }
        deadLetterAPoisonCommand(stack.bootstrapServers());
        Waits.until(
                "every auction has expired and the statistics counted every ending",
                () -> tombstones(read(Topics.AUCTION_STATE)) == auctions.size()
                        && read(Topics.SHOW_STATS).stream()
                                .anyMatch(record -> record.key().equals("show")
                                        && Json.parse(new String(record.value(), UTF_8))
                                                        .path("sales")
                                                        .path("ended")
                                                        .asLong()
                                                == auctions.size()));
        stack.close();
        Topics.ALL.forEach(topic -> RECORDS.put(topic, read(topic)));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static void deadLetterAPoisonCommand(String bootstrapServers) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.AUCTION_COMMANDS, "a-poison", "{\"type\":\"place-bid\","));
            producer.send(new ProducerRecord<>(Topics.SHOW_COMMANDS, "s-poison", "{\"type\":\"run-lot\","));
        }
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic) {
        return LogReader.records(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()), topic);
    }

    private static long tombstones(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(record -> record.value() == null).count();
    }

    /** Where the records the processor could not read were read, as the dead letters say. */
    private static Set<String> deadLetteredSources() {
        return Stream.of(Topics.AUCTION_COMMANDS_DLQ, Topics.SHOW_COMMANDS_DLQ)
                .flatMap(topic -> RECORDS.get(topic).stream())
                .map(record -> header(record, Topics.SOURCE_HEADER))
                .collect(Collectors.toSet());
    }

    private static String source(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    /** The records of {@code topic} that are messages: neither tombstones nor poison that was dead-lettered. */
    private static List<ConsumerRecord<String, byte[]>> messages(String topic) {
        Set<String> deadLettered = deadLetteredSources();
        return RECORDS.get(topic).stream()
                .filter(record -> record.value() != null && !deadLettered.contains(source(record)))
                .toList();
    }

    @Test
    void everyRecordOfEveryTopicMatchesTheSchemaOfItsTopic() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String topic : ContractSchemas.SCHEMA_OF_TOPIC.keySet()) {
            for (ConsumerRecord<String, byte[]> record : messages(topic)) {
                checked++;
                SCHEMAS.problemsOfTopic(topic, record.value())
                        .forEach(problem -> problems.add(source(record) + " " + problem));
            }
        }

        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void everyRecordIsKeyedAsTheContractSays() {
        for (String topic :
                List.of(Topics.AUCTION_COMMANDS, Topics.AUCTION_EVENTS, Topics.BID_REJECTIONS, Topics.AUCTION_STATE)) {
            for (ConsumerRecord<String, byte[]> record : messages(topic)) {
                JsonNode value = Json.parse(new String(record.value(), UTF_8));
                // A gateway's watermark is no auction's: it is keyed by the gateway instance that wrote it.
                String key = topic.equals(Topics.AUCTION_STATE)
                        ? "id"
                        : "gateway-watermark".equals(value.path("type").asString()) ? "gatewayId" : "auctionId";
                assertThat(record.key())
                        .as(source(record))
                        .isEqualTo(value.path(key).asString());
            }
        }
        for (ConsumerRecord<String, byte[]> record : messages(Topics.SHOW_VIEWERS)) {
            JsonNode value = Json.parse(new String(record.value(), UTF_8));
            assertThat(record.key())
                    .as(source(record))
                    .isEqualTo(value.path("showId").asString() + "/"
                            + value.path("gatewayId").asString());
        }
        for (String topic : List.of(Topics.SHOW_COMMANDS, Topics.SHOW_EVENTS, Topics.SHOW_NOTICES, Topics.SHOW_STATE)) {
            for (ConsumerRecord<String, byte[]> record : messages(topic)) {
                JsonNode value = Json.parse(new String(record.value(), UTF_8));
                String key = topic.equals(Topics.SHOW_STATE) ? "id" : "showId";
                assertThat(record.key())
                        .as(source(record))
                        .isEqualTo(value.path(key).asString());
            }
        }
        for (ConsumerRecord<String, byte[]> record : messages(Topics.SHOW_STATS)) {
            assertThat(record.key())
                    .as(source(record))
                    .isEqualTo(JsonSerde.stats()
                            .deserialize(Topics.SHOW_STATS, record.value())
                            .key());
        }
    }

    @Test
    void everyMessageCarriesTheMajorVersionOfItsSchema() {
        for (String topic : ContractSchemas.SCHEMA_OF_TOPIC.keySet()) {
            for (ConsumerRecord<String, byte[]> record : messages(topic)) {
                assertThat(header(record, Topics.SCHEMA_HEADER))
                        .as(source(record))
                        .isEqualTo(String.valueOf(JsonSerde.SCHEMA_VERSION));
            }
        }
    }

    @Test
    void theShowWroteEveryMessageTypeOfEveryTopic() {
        SchemaSet schemas = SchemaSet.load(SchemaSet.CURRENT);
        ContractSchemas.SCHEMA_OF_TOPIC.forEach((topic, file) -> {
            Set<String> written = messages(topic).stream()
                    .map(record -> Json.parse(new String(record.value(), UTF_8))
                            .path("type")
                            .asString(""))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (List.of(Topics.AUCTION_STATE, Topics.SHOW_STATE, Topics.SHOW_VIEWERS)
                    .contains(topic)) {
                assertThat(written)
                        .as(topic + " holds snapshots or counts, which have no type")
                        .containsExactly("");
            } else {
                assertThat(written)
                        .as(topic)
                        .isEqualTo(new TreeSet<>(schemas.shape(file).variants().keySet()));
            }
        });
        Set<String> outcomes = messages(Topics.AUCTION_EVENTS).stream()
                .map(record -> Json.parse(new String(record.value(), UTF_8))
                        .path("outcome")
                        .asString(""))
                .filter(outcome -> !outcome.isEmpty())
                .collect(Collectors.toSet());
        assertThat(outcomes)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Outcome.values()).map(Outcome::name).toList());
        // Five auctions and the show's lot expired.
        assertThat(tombstones(RECORDS.get(Topics.AUCTION_STATE))).isEqualTo(6);
    }

    @Test
    void aShowCommandThatCannotBeReadIsDeadLetteredWithTheError() {
        List<ConsumerRecord<String, byte[]>> deadLetters = RECORDS.get(Topics.SHOW_COMMANDS_DLQ);

        assertThat(deadLetters).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.key()).isEqualTo("s-poison");
            assertThat(header(deadLetter, Topics.ERROR_HEADER)).startsWith("cannot read ShowCommand");
            assertThat(header(deadLetter, Topics.SOURCE_HEADER)).startsWith(Topics.SHOW_COMMANDS + "-");
        });
    }

    @Test
    void aCommandThatCannotBeReadIsDeadLetteredWithTheErrorAndWhereItWasRead() {
        List<ConsumerRecord<String, byte[]>> deadLetters = RECORDS.get(Topics.AUCTION_COMMANDS_DLQ);

        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<String, byte[]> deadLetter = deadLetters.get(0);
        assertThat(deadLetter.key()).isEqualTo("a-poison");
        assertThat(new String(deadLetter.value(), UTF_8)).isEqualTo("{\"type\":\"place-bid\",");
        assertThat(header(deadLetter, Topics.ERROR_HEADER)).startsWith("cannot read AuctionCommand");
        ConsumerRecord<String, byte[]> original = RECORDS.get(Topics.AUCTION_COMMANDS).stream()
                .filter(record -> source(record).equals(header(deadLetter, Topics.SOURCE_HEADER)))
                .findFirst()
                .orElseThrow();
        assertThat(original.value()).isEqualTo(deadLetter.value());
    }
}
