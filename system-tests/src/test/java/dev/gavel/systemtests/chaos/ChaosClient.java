package dev.gavel.systemtests.chaos;

import static dev.gavel.systemtests.support.Messages.createAuction;
import static dev.gavel.systemtests.support.Messages.message;
import static dev.gavel.systemtests.support.Messages.placeBid;
import static dev.gavel.systemtests.support.Messages.subscribe;

import dev.gavel.events.LotIds;
import dev.gavel.events.Money;
import dev.gavel.events.UserRef;
import dev.gavel.gateway.command.CommandFactory;
import dev.gavel.systemtests.chaos.History.Result;
import dev.gavel.systemtests.support.LocalCluster;
import dev.gavel.systemtests.support.Messages;
import dev.gavel.systemtests.support.Users.User;
import dev.gavel.systemtests.support.WsClient;
import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.Bucket;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * A careful client, as a phone app would be: follows the lobby and every auction in it, and the shows it is told of,
 * bids and pre-bids with a bid id so that any retry is safe, and when its gateway goes away reconnects to another
 * one, resumes every auction and show from the last seq it saw and sends an undecided bid again. A show's host uses
 * it too, without the lobby: it then sees each lot only as the show brings it. Everything it sends and sees goes into
 * the history.
 */
final class ChaosClient implements AutoCloseable {

    private static final Duration DECISION_WAIT = Duration.ofSeconds(15);
    private static final Duration GIVE_UP = Duration.ofSeconds(90);
    private static final Set<String> ACCEPTED =
            Set.of("bid-accepted", "auction-created", "show-accepted", "pre-bid-accepted");

    /** What this client knows of an auction. */
    private record Known(long seq, BigDecimal minimumNextBid, boolean open) {}

    /** A lot of a show that waits to run. */
    private record Lot(String showId, int lotNo, BigDecimal startingPrice) {}

    /** A show as this client was last shown it (null until its first snapshot). */
    private record KnownShow(long seq, JsonNode show) {}

    private final LocalCluster cluster;
    private final User user;
    private final History history;
    private final Random random;
    private final Map<String, Known> auctions = new ConcurrentHashMap<>();
    private final Map<String, KnownShow> shows = new ConcurrentHashMap<>();
    /** Shows to follow, handed over by another thread: the client's own thread subscribes. */
    private final Queue<String> toWatch = new ConcurrentLinkedQueue<>();

    private final boolean followsLobby;
    /** Subscriptions sent, by request id, and the last refusal of each auction's: what explains an auction not seen. */
    private final Map<String, String> subscribing = new ConcurrentHashMap<>();

    private final Map<String, JsonNode> refusals = new ConcurrentHashMap<>();

    /**
     * Paces the user's commands below the gateway's default limit (20/s, bursts of 40), as an app spaces a user's
     * taps: bidding flat out, a client would be told to slow down whenever decisions come back fast.
     */
    private final BlockingBucket pace = Bucket.builder()
            .addLimit(limit -> limit.capacity(10).refillGreedy(15, Duration.ofSeconds(1)))
            .build()
            .asBlocking();

    private int gateway;
    private WsClient ws;
    private int connections;
    private int cursor;
    private int bids;

    ChaosClient(LocalCluster cluster, User user, int gateway, History history, long seed, boolean followsLobby) {
        this.cluster = cluster;
        this.user = user;
        this.gateway = gateway;
        this.history = history;
        this.random = new Random(seed);
        this.followsLobby = followsLobby;
    }

    String name() {
        return user.name();
    }

    /** Connects, to its gateway or the next one that answers, and resumes everything it follows. */
    void connect() {
        Awaitility.await(user.name() + " reconnects")
                .atMost(GIVE_UP)
                .pollInterval(Duration.ofMillis(500))
                .until(this::tryConnect);
        if (followsLobby) {
            ws.send(message("subscribe-lobby").json());
        }
        // Shows first, then the auctions not known to have ended: a client that resumed everything it ever saw at
        // once went past the gateway's burst of messages, and what was refused was never seen again.
        shows.forEach((showId, known) -> followShow(showId, known.seq()));
        auctions.forEach((auctionId, known) -> {
            if (known.open() && !broughtByAShow(auctionId)) {
                follow(auctionId, known.seq());
            }
        });
    }

    /**
     * A lot's auction of a show this client watches: the show brings the running lot, and says what became of the
     * others, so it is not also subscribed to on its own (a second subscription would replay what the first showed).
     */
    private boolean broughtByAShow(String auctionId) {
        return LotIds.parse(auctionId)
                .map(lot -> shows.containsKey(lot.showId()))
                .orElse(false);
    }

    /** Follows a show from now on (from any thread): its stream, and whichever of its lots runs. */
    void watch(String showId) {
        toWatch.add(showId);
    }

    private void followShow(String showId, long lastSeq) {
        Messages.Builder subscribe = message("subscribe-show")
                .with("requestId", Messages.requestId())
                .with("showId", showId)
                .with("lastSeq", lastSeq == 0 ? null : lastSeq);
        subscribing.put(subscribe.requestId(), showId);
        ws.send(subscribe.json());
    }

    private void follow(String auctionId, long lastSeq) {
        Messages.Builder subscribe = subscribe(auctionId).with("lastSeq", lastSeq);
        subscribing.put(subscribe.requestId(), auctionId);
        ws.send(subscribe.json());
    }

    private boolean tryConnect() {
        try {
            ws = WsClient.connect(cluster.webSocket(gateway), user.token());
            connections++;
            cursor = 0;
            return true;
        } catch (RuntimeException e) {
            gateway = gateway % cluster.gateways() + 1;
            return false;
        }
    }

    private void ensureConnected() {
        if (ws == null || ws.isClosed()) {
            gateway = gateway % cluster.gateways() + 1;
            connect();
        }
    }

    /** Handles what arrived since the last call: lobby news, events and snapshots. */
    synchronized void pump() {
        for (String showId = toWatch.poll(); showId != null; showId = toWatch.poll()) {
            if (shows.putIfAbsent(showId, new KnownShow(0, null)) == null) {
                followShow(showId, 0);
            }
        }
        List<JsonNode> received = ws.received();
        for (int i = cursor; i < received.size(); i++) {
            handle(received.get(i));
        }
        cursor = received.size();
    }

    private void handle(JsonNode message) {
        String type = message.path("type").asString();
        String refused =
                type.equals("error") ? subscribing.get(message.path("requestId").asString("")) : null;
        if (refused != null) {
            refusals.put(refused, message);
        }
        boolean lobby = "lobby".equals(message.path("channel").asString(null));
        if (lobby && type.equals("auction-ended")) {
            // The lobby's news, not the auction's own stream: that brings the same ending in order.
            auctions.computeIfPresent(
                    message.path("auctionId").asString(),
                    (id, known) -> new Known(known.seq(), known.minimumNextBid(), false));
        } else if (lobby && type.equals("auction-created")) {
            String auctionId = message.path("auction").path("id").asString();
            if (!broughtByAShow(auctionId) && auctions.putIfAbsent(auctionId, known(message.path("auction"))) == null) {
                follow(auctionId, 1);
            }
        } else if (type.equals("show-snapshot") || type.equals("show-updated")) {
            JsonNode show = message.path("show");
            long seq = show.path("seq").asLong();
            shows.put(show.path("id").asString(), new KnownShow(seq, show));
            history.seen(new History.SeenShow(
                    user.name(), show.path("id").asString(), seq, type.equals("show-snapshot"), message, connections));
            closeEndedLots(show);
        } else if (type.equals("snapshot")) {
            JsonNode auction = message.path("auction");
            auctions.put(auction.path("id").asString(), known(auction));
            history.seen(new History.Seen(
                    user.name(),
                    auction.path("id").asString(),
                    auction.path("seq").asLong(),
                    true,
                    message,
                    arrivedAtMillis(message)));
        } else if (message.has("seq") && message.has("auctionId")) {
            String auctionId = message.path("auctionId").asString();
            long seq = message.path("seq").asLong();
            history.seen(new History.Seen(user.name(), auctionId, seq, false, message, arrivedAtMillis(message)));
            auctions.computeIfPresent(
                    auctionId,
                    (id, known) -> new Known(
                            seq,
                            message.has("minimumNextBid")
                                    ? message.path("minimumNextBid").decimalValue()
                                    : known.minimumNextBid(),
                            known.open() && !type.equals("auction-ended")));
        }
    }

    /** Marks the runs of the show's lots that the show says have ended: after a reconnect, the show says so first. */
    private void closeEndedLots(JsonNode show) {
        Map<Integer, JsonNode> lineup = new HashMap<>();
        show.path("lineup").forEach(lot -> lineup.put(lot.path("lotNo").asInt(), lot));
        for (String auctionId : auctions.keySet()) {
            LotIds.parse(auctionId)
                    .filter(run -> run.showId().equals(show.path("id").asString()))
                    .filter(run -> lineup.containsKey(run.lotNo()))
                    .filter(run -> {
                        JsonNode lot = lineup.get(run.lotNo());
                        int runs = lot.path("runs").asInt();
                        return run.run() < runs
                                || run.run() == runs
                                        && !"RUNNING".equals(lot.path("status").asString());
                    })
                    .ifPresent(run -> auctions.computeIfPresent(
                            auctionId, (id, known) -> new Known(known.seq(), known.minimumNextBid(), false)));
        }
    }

    /** The wall-clock time a message arrived, from the monotonic arrival time the socket recorded. */
    private long arrivedAtMillis(JsonNode message) {
        return System.currentTimeMillis() - (System.nanoTime() - ws.arrivalNanos(message)) / 1_000_000;
    }

    private static Known known(JsonNode auction) {
        return new Known(
                auction.path("seq").asLong(),
                auction.path("minimumNextBid").decimalValue(),
                "OPEN".equals(auction.path("status").asString()));
    }

    /**
     * Places one bid on a random open auction, or now and then a pre-bid on a lot of a show that waits to run,
     * retrying with the same bid id until it is decided.
     */
    void bid() {
        ensureConnected();
        pump();
        if (random.nextInt(4) == 0 && preBid()) {
            return;
        }
        List<String> open = new ArrayList<>();
        auctions.forEach((id, known) -> {
            if (known.open()) {
                open.add(id);
            }
        });
        if (open.isEmpty()) {
            return;
        }
        open.sort(String::compareTo);
        String auctionId = open.get(random.nextInt(open.size()));
        BigDecimal minimum = auctions.get(auctionId).minimumNextBid();
        BigDecimal amount = minimum.add(BigDecimal.valueOf(random.nextInt(3)));
        String bidId = user.name() + "-" + (++bids);
        // A quarter are proxy bids, a little above the minimum: realistic, and prices stay far from the maximum.
        Messages.Builder bid = random.nextInt(4) == 0
                ? placeBid(auctionId, null).with("maxAmount", amount.add(BigDecimal.valueOf(5 + random.nextInt(50))))
                : placeBid(auctionId, amount);
        String commandId = CommandFactory.retryableId(new UserRef(user.id(), user.name()), auctionId, bidId);
        decide("place-bid", commandId, auctionId, bid.with("bidId", bidId), true);
    }

    /** Places a pre-bid on a random lot that waits to run in a show this client follows; false if there is none. */
    private boolean preBid() {
        List<Lot> waiting = new ArrayList<>();
        shows.forEach((showId, known) -> {
            if (known.show() != null
                    && !"ENDED".equals(known.show().path("status").asString())) {
                for (JsonNode lot : known.show().path("lineup")) {
                    String status = lot.path("status").asString();
                    if (status.equals("SCHEDULED") || status.equals("UNSOLD")) {
                        waiting.add(new Lot(
                                showId,
                                lot.path("lotNo").asInt(),
                                lot.path("startingPrice").decimalValue()));
                    }
                }
            }
        });
        if (waiting.isEmpty()) {
            return false;
        }
        waiting.sort(Comparator.comparing(Lot::showId).thenComparing(Lot::lotNo));
        Lot lot = waiting.get(random.nextInt(waiting.size()));
        String bidId = user.name() + "-pre-" + (++bids);
        Messages.Builder preBid = message("place-pre-bid")
                .with("showId", lot.showId())
                .with("lotNo", lot.lotNo())
                .with("maxAmount", lot.startingPrice().add(BigDecimal.valueOf(random.nextInt(40))))
                .with("bidId", bidId);
        String commandId = CommandFactory.retryableId(
                new UserRef(user.id(), user.name()), lot.showId() + "/" + lot.lotNo(), bidId);
        decide("place-pre-bid", commandId, lot.showId(), preBid, true);
        return true;
    }

    /** Announces a show that this client hosts, and follows it; returns its id, or null if no decision came. */
    String createShow(String title, Duration startsIn) {
        ensureConnected();
        Messages.Builder create = message("create-show")
                .with("title", title)
                .with("scheduledStart", System.currentTimeMillis() + startsIn.toMillis());
        JsonNode reply = decide("create-show", null, null, create, false);
        String showId = reply == null ? null : reply.path("showId").asString(null);
        if (showId != null) {
            watch(showId);
            pump();
        }
        return showId;
    }

    /**
     * Sends one of a host's commands of a show, once: they carry no id of the client's, so a retry after an unknown
     * outcome could act twice. Returns the reply, or null if no decision came.
     */
    JsonNode host(String showId, Messages.Builder command) {
        ensureConnected();
        String kind = (String) command.build().get("type");
        return decide(kind, null, showId, command.with("showId", showId), false);
    }

    /** Waits until the show, as this client was last shown it, meets {@code condition}; false if the time ran out. */
    boolean awaitShow(String showId, Predicate<JsonNode> condition, Duration timeout) {
        try {
            Awaitility.await(user.name() + " sees show " + showId)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        ensureConnected();
                        pump();
                        KnownShow known = shows.get(showId);
                        return known != null && known.show() != null && condition.test(known.show());
                    });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** The show as this client was last shown it, or null. */
    JsonNode show(String showId) {
        KnownShow known = shows.get(showId);
        return known == null ? null : known.show();
    }

    /** Creates an auction and returns its id, or null if no decision reached this client. */
    String create(long durationMs) {
        ensureConnected();
        Messages.Builder create = createAuction()
                .with("startingPrice", Money.toDecimal(100 + random.nextInt(900)))
                .with("durationMs", durationMs)
                .with("softCloseMs", 2_000);
        // Not retried: a create carries no client id, so a retry after an unknown outcome could create a second one.
        JsonNode reply = decide("create-auction", null, null, create, false);
        return reply == null ? null : reply.path("auction").path("id").asString(null);
    }

    /**
     * Sends a command until a decision arrives: a new request id each time, the same bid id, on whichever gateway
     * answers. Records the outcome.
     */
    private JsonNode decide(String kind, String commandId, String subject, Messages.Builder command, boolean retry) {
        long sent = System.nanoTime();
        long deadline = sent + GIVE_UP.toNanos();
        int attempts = 0;
        while (System.nanoTime() < deadline && (retry || attempts == 0)) {
            attempts++;
            try {
                pace.consume(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            ensureConnected();
            String requestId = Messages.requestId();
            JsonNode reply;
            try {
                ws.send(command.with("requestId", requestId).json());
                reply = ws.await(
                        "decision of " + requestId,
                        m -> requestId.equals(m.path("requestId").asString(null)) || ws.isClosed(),
                        DECISION_WAIT);
            } catch (ConditionTimeoutException | IllegalStateException | CompletionException e) {
                continue;
            }
            if (!requestId.equals(reply.path("requestId").asString(null))) {
                continue;
            }
            String type = reply.path("type").asString();
            String code = reply.path("code").asString("");
            if (type.equals("error")
                    && (code.equals("UNAVAILABLE") || code.equals("TIMEOUT") || code.equals("RATE_LIMITED"))) {
                // Not decided: nothing was written, or what was is decided once whichever copy comes first.
                continue;
            }
            boolean accepted = ACCEPTED.contains(type);
            String reason = reply.has("reason") ? reply.path("reason").asString() : code;
            String id = subject != null
                    ? subject
                    : reply.has("showId")
                            ? reply.path("showId").asString()
                            : reply.path("auction").path("id").asString(null);
            history.command(new History.Command(
                    kind,
                    commandId,
                    id,
                    user.id(),
                    accepted ? Result.ACCEPTED : Result.REJECTED,
                    accepted ? null : reason,
                    accepted
                            ? null
                            : command.json() + " -> " + reply.path("message").asString(""),
                    attempts,
                    sent,
                    System.nanoTime(),
                    type.equals("show-accepted") ? reply.path("seq").asLong() : null));
            pump();
            return reply;
        }
        history.command(new History.Command(
                kind,
                commandId,
                subject,
                user.id(),
                Result.UNKNOWN,
                null,
                null,
                attempts,
                sent,
                System.nanoTime(),
                null));
        return null;
    }

    /** Waits until every auction this client follows has ended, or the time is up. */
    boolean awaitAllEnded(Duration timeout) {
        try {
            Awaitility.await(user.name() + " sees every auction end")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        ensureConnected();
                        pump();
                        return auctions.values().stream().noneMatch(Known::open);
                    });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** The auctions this client still believes open, with what it last knew of each: for a failure's message. */
    String stillOpen() {
        return auctions.entrySet().stream()
                .filter(entry -> entry.getValue().open())
                .map(entry -> entry.getKey() + " at seq " + entry.getValue().seq() + " on gateway " + gateway
                        + (refusals.containsKey(entry.getKey())
                                ? ", subscription refused: " + refusals.get(entry.getKey())
                                : ""))
                .sorted()
                .toList()
                .toString();
    }

    @Override
    public void close() {
        if (ws != null) {
            ws.close();
        }
    }
}
