package dev.gavel.systemtests.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Test-data builders for client messages: sensible defaults, override what the test is about. */
public final class Messages {

    private Messages() {}

    public static Builder createAuction() {
        return new Builder("create-auction")
                .with("requestId", requestId())
                .with("title", "Vintage Camera")
                .with("description", "1950s Leica")
                .with("startingPrice", 100)
                .with("durationMs", 30_000);
    }

    public static Builder placeBid(String auctionId, Object amount) {
        return new Builder("place-bid")
                .with("requestId", requestId())
                .with("auctionId", auctionId)
                .with("amount", amount);
    }

    public static Builder subscribe(String auctionId) {
        return new Builder("subscribe").with("requestId", requestId()).with("auctionId", auctionId);
    }

    public static Builder message(String type) {
        return new Builder(type).with("requestId", requestId());
    }

    public static String requestId() {
        return "r-" + UUID.randomUUID();
    }

    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        Builder(String type) {
            fields.put("type", type);
        }

        public Builder with(String field, Object value) {
            if (value == null) {
                fields.remove(field);
            } else {
                fields.put(field, value);
            }
            return this;
        }

        public String requestId() {
            return (String) fields.get("requestId");
        }

        public Map<String, Object> build() {
            return Map.copyOf(fields);
        }

        public String json() {
            return Json.write(fields);
        }
    }
}
