package dev.gavel.gateway.auction;

import dev.gavel.gateway.protocol.TextFrame;
import dev.gavel.gateway.testing.Frames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** A subscriber that keeps every frame it is given, with the latest-state supplier that came with it. */
public final class RecordingSubscriber implements Subscriber {

    public record Delivery(String auctionId, TextFrame frame, Supplier<TextFrame> latestState) {}

    private final List<Delivery> deliveries = new ArrayList<>();

    @Override
    public void deliver(String auctionId, TextFrame frame, Supplier<TextFrame> latestState) {
        deliveries.add(new Delivery(auctionId, frame, latestState));
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    /** Each frame as {@code type#seq}, e.g. {@code snapshot#1, bid-updated#2}. */
    public List<String> frames() {
        return deliveries.stream().map(d -> Frames.describe(d.frame().text())).toList();
    }

    public JsonNode frame(int index) {
        return Frames.read(deliveries.get(index).frame().text());
    }

    public Delivery last() {
        return deliveries.get(deliveries.size() - 1);
    }

    public void clear() {
        deliveries.clear();
    }
}
