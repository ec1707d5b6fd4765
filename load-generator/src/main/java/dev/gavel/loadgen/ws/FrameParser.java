package dev.gavel.loadgen.ws;

import dev.gavel.events.Money;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads server messages with Jackson's streaming parser, keeping only the fields the scenarios need. Thousands of
 * viewers receive hundreds of thousands of messages a second on the same two cores as the system under test, so the
 * client reads each message once, from the bytes it came in, without building a tree or a string. A message that is not a JSON object with a {@code type}
 * is refused: the run records it as mangled. A frame of several events ({@code events}) is read as those events, in
 * order, as a client handles them.
 */
public final class FrameParser {

    private static final JsonFactory JSON = new JsonFactory();

    /** A message that could not be read. */
    public static final class UnreadableFrame extends Exception {
        UnreadableFrame(String message) {
            super(message);
        }
    }

    private FrameParser() {}

    /** The messages of a frame, read from its UTF-8 bytes: one, or the events of an {@code events} frame. */
    public static List<Frame> parse(byte[] utf8, int offset, int length) throws UnreadableFrame {
        Builder frame = new Builder();
        try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), utf8, offset, length)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableFrame("not a JSON object");
            }
            readObject(json, frame, Scope.MESSAGE);
            if (json.nextToken() != null) {
                throw new UnreadableFrame("data after the JSON object");
            }
        } catch (JacksonException | ArithmeticException e) {
            throw new UnreadableFrame(e.getMessage());
        }
        if (frame.type == null) {
            throw new UnreadableFrame("no type");
        }
        if (frame.type.equals(EVENTS)) {
            if (frame.events == null || frame.events.isEmpty()) {
                throw new UnreadableFrame("an events frame without events");
            }
            return frame.events;
        }
        if (frame.events != null) {
            throw new UnreadableFrame("events in a " + frame.type + " message");
        }
        return List.of(frame.build());
    }

    private static final String EVENTS = "events";

    private static List<Frame> readEvents(JsonParser json) throws UnreadableFrame {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw new UnreadableFrame("events is not an array");
        }
        List<Frame> events = new ArrayList<>();
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw new UnreadableFrame("an event that is not an object");
            }
            Builder event = new Builder();
            readObject(json, event, Scope.MESSAGE);
            if (event.type == null || event.type.equals(EVENTS) || event.events != null) {
                throw new UnreadableFrame("an event without a type of its own");
            }
            events.add(event.build());
        }
        return events;
    }

    /** Where a field is: the message itself, or the auction or show object it carries. */
    private enum Scope {
        MESSAGE,
        AUCTION,
        SHOW
    }

    private static void readObject(JsonParser json, Builder frame, Scope scope) throws UnreadableFrame {
        String name;
        while ((name = json.nextName()) != null) {
            JsonToken value = json.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "type" -> frame.type = json.getString();
                case "requestId" -> frame.requestId = json.getString();
                case "auctionId" -> frame.auctionId = json.getString();
                case "id" -> {
                    switch (scope) {
                        case AUCTION -> frame.auctionId = json.getString();
                        case SHOW -> frame.showId = json.getString();
                        case MESSAGE -> {}
                    }
                }
                case "showId" -> frame.showId = json.getString();
                case "lotNo" -> frame.lotNo = json.getIntValue();
                case "currentAuctionId" -> frame.currentAuctionId = json.getString();
                case "change" -> frame.change = json.getString();
                case "viewers" -> frame.viewers = json.getLongValue();
                case "seq" -> frame.seq = json.getLongValue();
                case "amount" -> frame.amountCents = cents(json);
                case "currentBid" -> frame.currentBidCents = cents(json);
                case "minimumBid", "minimumNextBid" -> frame.minimumCents = cents(json);
                case "leading" -> frame.leading = json.getBooleanValue();
                case "endsAt" -> frame.endsAt = json.getLongValue();
                case "endedAt" -> frame.endedAt = json.getLongValue();
                case "reason" -> frame.reason = json.getString();
                case "code" -> frame.code = json.getString();
                case "outcome" -> frame.outcome = json.getString();
                case "status" -> frame.status = json.getString();
                case "resync" -> frame.resync = json.getBooleanValue();
                case "bidder" -> frame.bidderId = userId(json);
                case "leader" -> frame.leaderId = userId(json);
                case "events" -> frame.events = readEvents(json);
                case "auction", "show" -> {
                    if (value != JsonToken.START_OBJECT || scope != Scope.MESSAGE) {
                        throw new UnreadableFrame(name + " is not an object of the message");
                    }
                    readObject(json, frame, name.equals("show") ? Scope.SHOW : Scope.AUCTION);
                }
                default -> json.skipChildren();
            }
        }
    }

    private static long cents(JsonParser json) throws UnreadableFrame {
        if (!json.currentToken().isNumeric()) {
            throw new UnreadableFrame("an amount that is not a number: " + json.getString());
        }
        return Money.toCents(json.getDecimalValue());
    }

    private static String userId(JsonParser json) throws UnreadableFrame {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new UnreadableFrame("a user that is not an object");
        }
        String id = null;
        String name;
        while ((name = json.nextName()) != null) {
            json.nextToken();
            if (name.equals("id")) {
                id = json.getString();
            } else {
                json.skipChildren();
            }
        }
        return id;
    }

    private static final class Builder {
        String type;
        String requestId;
        String auctionId;
        long seq = -1;
        long amountCents = -1;
        long currentBidCents = -1;
        long minimumCents = -1;
        String bidderId;
        String leaderId;
        boolean leading;
        long endsAt = -1;
        long endedAt = -1;
        String reason;
        String code;
        String outcome;
        String status;
        boolean resync;
        String showId;
        int lotNo = -1;
        String currentAuctionId;
        String change;
        long viewers = -1;
        List<Frame> events;

        Frame build() {
            return new Frame(
                    type,
                    requestId,
                    auctionId,
                    seq,
                    amountCents,
                    currentBidCents,
                    minimumCents,
                    bidderId,
                    leaderId,
                    leading,
                    endsAt,
                    endedAt,
                    reason,
                    code,
                    outcome,
                    status,
                    resync,
                    showId,
                    lotNo,
                    currentAuctionId,
                    change,
                    viewers);
        }
    }
}
