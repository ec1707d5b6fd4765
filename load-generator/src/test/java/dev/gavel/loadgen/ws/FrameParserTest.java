package dev.gavel.loadgen.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameParserTest {

    private static List<Frame> parse(String text) throws FrameParser.UnreadableFrame {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return FrameParser.parse(utf8, 0, utf8.length);
    }

    /** The one message of a frame that is not several events. */
    private static Frame one(String text) throws FrameParser.UnreadableFrame {
        List<Frame> frames = parse(text);
        assertThat(frames).hasSize(1);
        return frames.get(0);
    }

    @Test
    void readsSeveralEventsOfOneFrameAsThoseEventsInOrder() throws Exception {
        List<Frame> events = parse("{\"type\":\"events\",\"auctionId\":\"a-1\",\"events\":["
                + "{\"type\":\"bid-updated\",\"auctionId\":\"a-1\",\"seq\":7,\"currentBid\":12.5,\"serverTime\":1},"
                + "{\"type\":\"auction-extended\",\"auctionId\":\"a-1\",\"seq\":8,\"endsAt\":9,\"serverTime\":1}],"
                + "\"serverTime\":2}");

        assertThat(events).extracting(Frame::type).containsExactly("bid-updated", "auction-extended");
        assertThat(events).extracting(Frame::seq).containsExactly(7L, 8L);
        assertThat(events.get(0).currentBidCents()).isEqualTo(1_250);
        assertThat(events.get(1).endsAt()).isEqualTo(9);
    }

    @Test
    void refusesAnEventsFrameThatIsEmptyOrHoldsWhatIsNotAnEvent() {
        assertThatThrownBy(() -> parse("{\"type\":\"events\",\"events\":[]}"))
                .isInstanceOf(FrameParser.UnreadableFrame.class);
        assertThatThrownBy(() -> parse("{\"type\":\"events\",\"events\":[1]}"))
                .isInstanceOf(FrameParser.UnreadableFrame.class);
        assertThatThrownBy(() -> parse("{\"type\":\"events\",\"events\":[{\"seq\":1}]}"))
                .isInstanceOf(FrameParser.UnreadableFrame.class);
        assertThatThrownBy(() -> parse("{\"type\":\"events\",\"events\":{}}"))
                .isInstanceOf(FrameParser.UnreadableFrame.class);
        assertThatThrownBy(() -> parse("{\"type\":\"pong\",\"events\":[{\"type\":\"pong\"}]}"))
                .isInstanceOf(FrameParser.UnreadableFrame.class);
    }

    @Test
    void readsABidUpdateAsTheGatewayWritesIt() throws Exception {
        Frame frame = one("{\"type\":\"bid-updated\",\"auctionId\":\"a-1\",\"seq\":7,\"amount\":12.5,"
                + "\"bidder\":{\"id\":\"u-1\",\"name\":\"Ann\"},\"currentBid\":12.5,"
                + "\"leader\":{\"id\":\"u-1\",\"name\":\"Ann\"},\"bidCount\":6,\"minimumNextBid\":13.5,"
                + "\"reserveMet\":true,\"endsAt\":1700000000000,\"serverTime\":1699999999000}");

        assertThat(frame.type()).isEqualTo("bid-updated");
        assertThat(frame.auctionId()).isEqualTo("a-1");
        assertThat(frame.seq()).isEqualTo(7);
        assertThat(frame.amountCents()).isEqualTo(1_250);
        assertThat(frame.currentBidCents()).isEqualTo(1_250);
        assertThat(frame.minimumCents()).isEqualTo(1_350);
        assertThat(frame.bidderId()).isEqualTo("u-1");
        assertThat(frame.leaderId()).isEqualTo("u-1");
        assertThat(frame.endsAt()).isEqualTo(1_700_000_000_000L);
        assertThat(frame.requestId()).isNull();
    }

    @Test
    void takesASnapshotsFieldsFromItsAuction() throws Exception {
        Frame frame = one("{\"type\":\"snapshot\",\"requestId\":\"view-3\",\"auction\":{\"id\":\"a-9\","
                + "\"title\":\"Lamp\",\"seller\":{\"id\":\"u-7\",\"name\":\"Sam\"},\"currentBid\":null,"
                + "\"leader\":null,\"minimumNextBid\":1,\"status\":\"OPEN\",\"endsAt\":5,\"seq\":1,"
                + "\"winner\":null},\"serverTime\":4}");

        assertThat(frame.type()).isEqualTo("snapshot");
        assertThat(frame.requestId()).isEqualTo("view-3");
        assertThat(frame.auctionId()).isEqualTo("a-9");
        assertThat(frame.seq()).isEqualTo(1);
        assertThat(frame.currentBidCents()).isEqualTo(-1);
        assertThat(frame.leaderId()).isNull();
        assertThat(frame.minimumCents()).isEqualTo(100);
        assertThat(frame.status()).isEqualTo("OPEN");
    }

    @Test
    void readsRepliesToCommands() throws Exception {
        Frame rejected = one("{\"type\":\"bid-rejected\",\"requestId\":\"bid-1\",\"auctionId\":\"a\","
                + "\"reason\":\"BID_TOO_LOW\",\"minimumBid\":20,\"message\":\"the minimum bid is 20.00\","
                + "\"serverTime\":1}");
        Frame accepted = one("{\"type\":\"bid-accepted\",\"requestId\":\"bid-2\",\"auctionId\":\"a\","
                + "\"amount\":21,\"currentBid\":21,\"leading\":true,\"buyNow\":false,\"repeated\":false,"
                + "\"serverTime\":2}");
        Frame error =
                one("{\"type\":\"error\",\"requestId\":\"bid-3\",\"code\":\"RATE_LIMITED\",\"message\":\"slow down\","
                        + "\"serverTime\":3}");

        assertThat(rejected.reason()).isEqualTo("BID_TOO_LOW");
        assertThat(rejected.minimumCents()).isEqualTo(2_000);
        assertThat(accepted.leading()).isTrue();
        assertThat(accepted.amountCents()).isEqualTo(2_100);
        assertThat(error.code()).isEqualTo("RATE_LIMITED");
        assertThat(error.is("error")).isTrue();
    }

    @Test
    void readsAShowUpdateByTheShowsFieldsNotItsLots() throws Exception {
        Frame frame = one("{\"type\":\"show-updated\",\"showId\":\"s-1\",\"seq\":6,\"change\":\"lot-started\","
                + "\"lotNo\":2,\"show\":{\"id\":\"s-1\",\"title\":\"Drop\",\"host\":{\"id\":\"u-9\",\"name\":\"Host\"},"
                + "\"status\":\"LIVE\",\"scheduledStart\":1,\"createdAt\":1,\"startedAt\":2,\"lineup\":["
                + "{\"lotNo\":1,\"title\":\"LP\",\"status\":\"SOLD\",\"runs\":1,\"auctionId\":\"s-1_1_1\",\"endsAt\":5,"
                + "\"finalPrice\":12.5,\"winner\":{\"id\":\"u-1\",\"name\":\"Ann\"}},"
                + "{\"lotNo\":2,\"title\":\"CD\",\"status\":\"RUNNING\",\"runs\":1,\"auctionId\":\"s-1_2_1\"}],"
                + "\"currentLotNo\":2,\"currentAuctionId\":\"s-1_2_1\",\"seq\":6},\"serverTime\":3}");

        assertThat(frame.showId()).isEqualTo("s-1");
        assertThat(frame.seq()).isEqualTo(6);
        assertThat(frame.change()).isEqualTo("lot-started");
        assertThat(frame.lotNo()).isEqualTo(2);
        assertThat(frame.status()).isEqualTo("LIVE");
        assertThat(frame.currentAuctionId()).isEqualTo("s-1_2_1");
        assertThat(frame.auctionId()).isNull();
        assertThat(frame.endsAt()).isEqualTo(-1);
    }

    @Test
    void readsAShowsAudience() throws Exception {
        Frame frame = one("{\"type\":\"show-viewers\",\"showId\":\"s-1\",\"viewers\":5000,\"serverTime\":3}");

        assertThat(frame.showId()).isEqualTo("s-1");
        assertThat(frame.viewers()).isEqualTo(5_000);
    }

    @Test
    void refusesAShowInsideAnAuction() {
        assertThatThrownBy(() -> parse("{\"type\":\"snapshot\",\"auction\":{\"show\":{}}}"))
                .isInstanceOf(FrameParser.UnreadableFrame.class);
    }

    @Test
    void refusesWhatIsNotAMessage() {
        assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(FrameParser.UnreadableFrame.class);
        assertThatThrownBy(() -> parse("{\"seq\":1}"))
                .isInstanceOf(FrameParser.UnreadableFrame.class)
                .hasMessage("no type");
        assertThatThrownBy(() -> parse("{\"type\":\"pong\"} {}")).isInstanceOf(FrameParser.UnreadableFrame.class);
        assertThatThrownBy(() -> parse("{\"type\":\"bid-up")).isInstanceOf(FrameParser.UnreadableFrame.class);
        assertThatThrownBy(() -> parse("{\"type\":\"bid-updated\",\"currentBid\":\"12\"}"))
                .isInstanceOf(FrameParser.UnreadableFrame.class);
        assertThatThrownBy(() -> parse("{\"type\":\"bid-updated\",\"currentBid\":12.345}"))
                .isInstanceOf(FrameParser.UnreadableFrame.class);
    }
}
