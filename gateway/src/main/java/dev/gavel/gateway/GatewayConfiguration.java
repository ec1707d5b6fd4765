package dev.gavel.gateway;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.ShowViewers;
import dev.gavel.events.Topics;
import dev.gavel.gateway.auction.AuctionDirectory;
import dev.gavel.gateway.auction.StatsBoard;
import dev.gavel.gateway.auth.AuthProperties;
import dev.gavel.gateway.command.CommandGateway;
import dev.gavel.gateway.command.CommandService;
import dev.gavel.gateway.command.OpenAuctionLimit;
import dev.gavel.gateway.command.Permissions;
import dev.gavel.gateway.command.RateLimits;
import dev.gavel.gateway.command.Receipts;
import dev.gavel.gateway.command.Replies;
import dev.gavel.gateway.command.WatermarkAnnouncer;
import dev.gavel.gateway.feed.AuctionFeed;
import dev.gavel.gateway.feed.ResultRouter;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.show.ShowDirectory;
import dev.gavel.gateway.show.ViewerCounts;
import dev.gavel.gateway.threads.TimerThread;
import dev.gavel.kafka.clients.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;

@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FrameWriter frameWriter(Clock clock) {
        return new FrameWriter(clock);
    }

    /** Sends the events that waited for the next frame of their auction's stream. */
    @Bean(destroyMethod = "close")
    TimerThread streamFrameTimer() {
        return new TimerThread("gavel-stream-frames");
    }

    @Bean
    AuctionDirectory auctionDirectory(
            FrameWriter frames, GatewayProperties gateway, @Qualifier("streamFrameTimer") TimerThread timer) {
        return new AuctionDirectory(
                frames,
                gateway.replayBufferSize(),
                gateway.streamFrameInterval(),
                gateway.streamFramesPerSecond(),
                timer);
    }

    @Bean
    KafkaTemplate<String, AuctionCommand> commandTemplate(KafkaClientSettings kafka, MeterRegistry meters) {
        DefaultKafkaProducerFactory<String, AuctionCommand> producers =
                new DefaultKafkaProducerFactory<>(kafka.producer(), new StringSerializer(), JsonSerde.commands());
        producers.addListener(new MicrometerProducerListener<>(meters));
        return new KafkaTemplate<>(producers);
    }

    @Bean
    KafkaTemplate<String, ShowCommand> showCommandTemplate(KafkaClientSettings kafka, MeterRegistry meters) {
        DefaultKafkaProducerFactory<String, ShowCommand> producers =
                new DefaultKafkaProducerFactory<>(kafka.producer(), new StringSerializer(), JsonSerde.showCommands());
        producers.addListener(new MicrometerProducerListener<>(meters));
        return new KafkaTemplate<>(producers);
    }

    @Bean
    ShowDirectory showDirectory(FrameWriter frames) {
        return new ShowDirectory(frames);
    }

    /** Counts are written now and then and superseded at once: a lost one is made up for by the next. */
    @Bean
    ViewerCounts viewerCounts(
            KafkaClientSettings kafka,
            MeterRegistry meters,
            ShowDirectory shows,
            WatermarkAnnouncer announcer,
            FrameWriter frames,
            Clock clock) {
        DefaultKafkaProducerFactory<String, ShowViewers> producers =
                new DefaultKafkaProducerFactory<>(kafka.producer(), new StringSerializer(), JsonSerde.showViewers());
        producers.addListener(new MicrometerProducerListener<>(meters));
        KafkaTemplate<String, ShowViewers> template = new KafkaTemplate<>(producers);
        return new ViewerCounts(
                announcer.gatewayId(),
                shows,
                count -> template.send(Topics.SHOW_VIEWERS, count.key(), count),
                frames,
                clock);
    }

    @Bean
    Receipts receipts(Clock clock) {
        return new Receipts(clock);
    }

    @Bean
    CommandService commandService(
            KafkaTemplate<String, AuctionCommand> commandTemplate,
            KafkaTemplate<String, ShowCommand> showCommandTemplate,
            Receipts receipts,
            GatewayProperties gateway,
            Clock clock,
            MeterRegistry meters) {
        return new CommandService(
                commandTemplate, showCommandTemplate, receipts, gateway.replyTimeout(), clock, meters);
    }

    @Bean
    WatermarkAnnouncer watermarkAnnouncer(
            KafkaTemplate<String, AuctionCommand> commandTemplate,
            Receipts receipts,
            AuctionDirectory directory,
            Clock clock,
            GatewayProperties gateway,
            MeterRegistry meters) {
        return new WatermarkAnnouncer(
                commandTemplate,
                receipts,
                () -> directory.openAuctions().stream()
                        .map(auction -> new WatermarkAnnouncer.Ending(auction.id(), auction.endsAt()))
                        .toList(),
                clock,
                gateway.watermarkInterval(),
                gateway.closingWatermarkInterval(),
                meters);
    }

    @Bean
    StatsBoard statsBoard(AuctionDirectory directory, FrameWriter frames) {
        return new StatsBoard(directory, frames);
    }

    @Bean
    ResultRouter resultRouter(
            AuctionDirectory directory,
            ShowDirectory shows,
            ViewerCounts viewers,
            CommandService commands,
            StatsBoard board) {
        return new ResultRouter(directory, shows, viewers, commands, board);
    }

    @Bean
    AuctionFeed auctionFeed(
            KafkaClientSettings kafka,
            ResultRouter results,
            MeterRegistry meters,
            Clock clock,
            GatewayProperties gateway) {
        return new AuctionFeed(
                feedConsumers(kafka, meters)::createConsumer,
                results,
                () -> clock.instant().minus(gateway.endedAuctionTtl()));
    }

    static DefaultKafkaConsumerFactory<String, byte[]> feedConsumers(KafkaClientSettings kafka, MeterRegistry meters) {
        return AuctionFeed.kafkaConsumers(kafka.consumer(), meters);
    }

    @Bean
    Replies replies(FrameWriter frames) {
        return new Replies(frames);
    }

    @Bean
    CommandGateway commandGateway(
            CommandService commands,
            Replies replies,
            RateLimits limits,
            Receipts receipts,
            MeterRegistry meters,
            AuthProperties auth,
            AuctionsProperties auctions,
            AuctionDirectory directory,
            Clock clock) {
        return new CommandGateway(
                commands,
                replies,
                limits,
                receipts,
                meters,
                new Permissions(auth.sellers() == AuthProperties.Sellers.ROLE),
                new OpenAuctionLimit(auctions.maxOpenPerSeller(), directory::openAuctionsOf),
                clock);
    }

    @Bean
    RateLimits rateLimits(GatewayProperties gateway) {
        return new RateLimits(
                gateway.commandsPerSecond(),
                gateway.commandBurst(),
                gateway.messagesPerSecond(),
                gateway.messageBurst());
    }
}
