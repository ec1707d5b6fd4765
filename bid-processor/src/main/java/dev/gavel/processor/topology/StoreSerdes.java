package dev.gavel.processor.topology;

import dev.gavel.events.AuctionMode;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.UserRef;
import dev.gavel.processor.auction.Auction;
import dev.gavel.processor.auction.Auction.Leader;
import dev.gavel.processor.auction.ProcessedCommand;
import dev.gavel.processor.show.Show;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The formats of the processor's own store values. Unlike the topics, the stores are private to the processor, and
 * every command reads and writes them: they hold a compact binary form (a format byte, then the fields in a fixed
 * order), which costs a fraction of JSON to write and read and makes the changelog records less than half as large.
 * Values written as JSON by earlier versions are still read, so an upgrade needs no migration step (ADR 8).
 */
public final class StoreSerdes {

    /** The first byte of every binary value; a new layout gets a new number and the old one stays readable. */
    static final byte FORMAT_1 = 1;

    /** Auctions since moderation: the fields of format 1, then the ids of the users removed from bidding. */
    static final byte FORMAT_2 = 2;

    private static final byte JSON_OBJECT = '{';
    private static final byte REJECTED = 1;
    private static final byte CONFIRMED = 2;

    private StoreSerdes() {}

    public static Serde<Auction> auctions() {
        return binary(JsonSerde.of(Auction.class), FORMAT_2, StoreSerdes::writeAuction, StoreSerdes::readAuction);
    }

    /**
     * Shows are JSON: a show takes a command now and then (a host's, a pre-bid), not one per bid, so the compact form
     * of the auctions would buy little.
     */
    public static Serde<Show> shows() {
        return JsonSerde.of(Show.class);
    }

    public static Serde<ProcessedCommand> processedCommands() {
        return binary(
                JsonSerde.of(ProcessedCommand.class),
                FORMAT_1,
                StoreSerdes::writeProcessed,
                (in, format) -> readProcessed(in));
    }

    private static void writeAuction(Auction auction, DataOutputStream out) throws IOException {
        out.writeUTF(auction.id());
        out.writeUTF(auction.title());
        writeNullable(out, auction.description(), out::writeUTF);
        writeUser(out, auction.seller());
        out.writeUTF(auction.mode().name());
        out.writeLong(auction.startingPriceCents());
        writeNullable(out, auction.reservePriceCents(), out::writeLong);
        writeNullable(out, auction.buyNowPriceCents(), out::writeLong);
        out.writeLong(auction.softCloseMs());
        writeNullable(out, auction.maxExtensionMs(), out::writeLong);
        writeInstant(out, auction.createdAt());
        writeInstant(out, auction.originalEndsAt());
        writeInstant(out, auction.endsAt());
        out.writeUTF(auction.status().name());
        writeNullable(out, auction.currentBidCents(), out::writeLong);
        writeNullable(out, auction.leader(), leader -> {
            writeUser(out, leader.bidder());
            out.writeLong(leader.maxAmountCents());
        });
        out.writeInt(auction.bidCount());
        out.writeLong(auction.seq());
        writeNullable(out, auction.outcome(), outcome -> out.writeUTF(outcome.name()));
        writeNullable(out, auction.winner(), winner -> writeUser(out, winner));
        writeNullable(out, auction.finalPriceCents(), out::writeLong);
        writeNullable(out, auction.endedAt(), endedAt -> writeInstant(out, endedAt));
        out.writeInt(auction.removedBidders().size());
        for (String userId : auction.removedBidders()) {
            out.writeUTF(userId);
        }
    }

    private static Auction readAuction(DataInputStream in, byte format) throws IOException {
        return new Auction(
                in.readUTF(),
                in.readUTF(),
                readNullable(in, in::readUTF),
                readUser(in),
                AuctionMode.valueOf(in.readUTF()),
                in.readLong(),
                readNullable(in, in::readLong),
                readNullable(in, in::readLong),
                in.readLong(),
                readNullable(in, in::readLong),
                readInstant(in),
                readInstant(in),
                readInstant(in),
                AuctionStatus.valueOf(in.readUTF()),
                readNullable(in, in::readLong),
                readNullable(in, () -> new Leader(readUser(in), in.readLong())),
                in.readInt(),
                in.readLong(),
                readNullable(in, () -> Outcome.valueOf(in.readUTF())),
                readNullable(in, () -> readUser(in)),
                readNullable(in, in::readLong),
                readNullable(in, () -> readInstant(in)),
                format == FORMAT_1 ? List.of() : readRemovedBidders(in));
    }

    private static List<String> readRemovedBidders(DataInputStream in) throws IOException {
        List<String> removed = new ArrayList<>();
        for (int count = in.readInt(); count > 0; count--) {
            removed.add(in.readUTF());
        }
        return removed;
    }

    private static void writeProcessed(ProcessedCommand processed, DataOutputStream out) throws IOException {
        out.writeUTF(processed.fingerprint());
        BidderNotice reply = processed.reply();
        out.writeUTF(reply.commandId());
        out.writeUTF(reply.auctionId());
        out.writeUTF(reply.commandType());
        writeNullable(out, reply.user(), user -> writeUser(out, user));
        writeNullable(out, reply.at(), at -> writeInstant(out, at));
        if (reply instanceof CommandRejected rejected) {
            out.writeByte(REJECTED);
            out.writeUTF(rejected.reason().name());
            writeNullable(out, rejected.message(), out::writeUTF);
            writeNullable(out, rejected.minimumBidCents(), out::writeLong);
        } else if (reply instanceof CommandConfirmed confirmed) {
            out.writeByte(CONFIRMED);
            writeNullable(out, confirmed.amountCents(), out::writeLong);
            writeNullable(out, confirmed.maxAmountCents(), out::writeLong);
            writeNullable(out, confirmed.currentBidCents(), out::writeLong);
            out.writeBoolean(confirmed.leading());
            out.writeBoolean(confirmed.repeated());
            writeNullable(out, confirmed.seq(), out::writeLong);
        } else {
            throw new IOException("no store format for " + reply.getClass().getSimpleName());
        }
    }

    private static ProcessedCommand readProcessed(DataInputStream in) throws IOException {
        String fingerprint = in.readUTF();
        String commandId = in.readUTF();
        String auctionId = in.readUTF();
        String commandType = in.readUTF();
        UserRef user = readNullable(in, () -> readUser(in));
        Instant at = readNullable(in, () -> readInstant(in));
        byte kind = in.readByte();
        BidderNotice reply = switch (kind) {
            case REJECTED ->
                new CommandRejected(
                        commandId,
                        auctionId,
                        commandType,
                        user,
                        at,
                        RejectionReason.valueOf(in.readUTF()),
                        readNullable(in, in::readUTF),
                        readNullable(in, in::readLong));
            case CONFIRMED ->
                new CommandConfirmed(
                        commandId,
                        auctionId,
                        commandType,
                        user,
                        at,
                        readNullable(in, in::readLong),
                        readNullable(in, in::readLong),
                        readNullable(in, in::readLong),
                        in.readBoolean(),
                        in.readBoolean(),
                        readNullable(in, in::readLong));
            default -> throw new IOException("unknown reply kind " + kind);
        };
        return new ProcessedCommand(fingerprint, reply);
    }

    private static void writeUser(DataOutputStream out, UserRef user) throws IOException {
        out.writeUTF(user.id());
        out.writeUTF(user.name());
    }

    private static UserRef readUser(DataInputStream in) throws IOException {
        return new UserRef(in.readUTF(), in.readUTF());
    }

    // Seconds and nanoseconds: exact whatever the precision of the time.
    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static <T> void writeNullable(DataOutputStream out, T value, FieldWriter<T> writer) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writer.write(value);
        }
    }

    private static <T> T readNullable(DataInputStream in, FieldReader<T> reader) throws IOException {
        return in.readBoolean() ? reader.read() : null;
    }

    @FunctionalInterface
    private interface FieldWriter<T> {
        void write(T value) throws IOException;
    }

    @FunctionalInterface
    private interface FieldReader<T> {
        T read() throws IOException;
    }

    @FunctionalInterface
    private interface ValueWriter<T> {
        void write(T value, DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    private interface ValueReader<T> {
        /** Reads a value of {@code format}, or of any earlier binary format. */
        T read(DataInputStream in, byte format) throws IOException;
    }

    private static <T> Serde<T> binary(JsonSerde<T> legacy, byte format, ValueWriter<T> writer, ValueReader<T> reader) {
        return Serdes.serdeFrom(
                (topic, value) -> write(value, format, writer),
                (topic, data) -> read(topic, data, legacy, format, reader));
    }

    private static <T> byte[] write(T value, byte format, ValueWriter<T> writer) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(format);
            writer.write(value, out);
        } catch (IOException e) {
            throw new SerializationException("Could not write a store value: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(String topic, byte[] data, JsonSerde<T> legacy, byte latest, ValueReader<T> reader) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == JSON_OBJECT) {
            return legacy.deserialize(topic, data);
        }
        if (data.length == 0 || data[0] < FORMAT_1 || data[0] > latest) {
            throw new SerializationException("Unknown store value format " + (data.length == 0 ? "(empty)" : data[0]));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 1, data.length - 1))) {
            T value = reader.read(in, data[0]);
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes left over");
            }
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("Could not read a store value: " + e.getMessage(), e);
        }
    }
}
