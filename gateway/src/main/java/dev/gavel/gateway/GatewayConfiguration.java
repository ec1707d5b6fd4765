package dev.gavel.gateway;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.JsonSerde;
import dev.gavel.gateway.auction.AuctionDirectory;
import dev.gavel.gateway.auction.AuctionFeed;
import dev.gavel.gateway.auction.StatsBoard;
import dev.gavel.gateway.auction.StreamFrameTimer;
import dev.gavel.gateway.command.CommandService;
import dev.gavel.gateway.command.RateLimits;
import dev.gavel.gateway.command.Replies;
import dev.gavel.gateway.protocol.FrameWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

    @Bean(destroyMethod = "close")
    StreamFrameTimer streamFrameTimer() {
        return new StreamFrameTimer();
    }

    @Bean
    AuctionDirectory auctionDirectory(FrameWriter frames, GatewayProperties gateway, StreamFrameTimer timer) {
        return new AuctionDirectory(frames, gateway.replayBufferSize(), gateway.streamFrameInterval(), timer);
    }

    @Bean
    KafkaTemplate<String, AuctionCommand> commandTemplate(KafkaProperties kafka, MeterRegistry meters) {
        DefaultKafkaProducerFactory<String, AuctionCommand> producers = new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), JsonSerde.commands());
        producers.addListener(new MicrometerProducerListener<>(meters));
        return new KafkaTemplate<>(producers);
    }

    @Bean
    CommandService commandService(
            KafkaTemplate<String, AuctionCommand> commandTemplate,
            GatewayProperties gateway,
            Clock clock,
            MeterRegistry meters) {
        return new CommandService(commandTemplate, gateway.replyTimeout(), clock, meters);
    }

    @Bean
    StatsBoard statsBoard(AuctionDirectory directory, FrameWriter frames) {
        return new StatsBoard(directory, frames);
    }

    @Bean
    AuctionFeed auctionFeed(
            KafkaProperties kafka,
            AuctionDirectory directory,
            CommandService commands,
            StatsBoard board,
            MeterRegistry meters,
            Clock clock,
            GatewayProperties gateway) {
        return new AuctionFeed(
                kafka.buildConsumerProperties(), directory, commands, board, meters, clock, gateway.endedAuctionTtl());
    }

    @Bean
    Replies replies(FrameWriter frames, AuctionDirectory directory) {
        return new Replies(frames, directory);
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
