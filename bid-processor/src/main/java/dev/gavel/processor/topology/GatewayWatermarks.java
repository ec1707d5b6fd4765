package dev.gavel.processor.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * When an auction on one partition may be closed, from what the gateway instances announced on it (ADR 13): each
 * instance's watermark says that every command it received before that time is in the partition ahead of the
 * watermark. An auction can close once every live instance has passed its end: no bid received in time can still come.
 *
 * <ul>
 *   <li>An instance not heard from for {@code gatewayTimeout} is no longer waited for: a bid it received in time but
 *       writes after the close is too late, as when no instance is known.
 *   <li>When no instance is known (a deployment without watermarks, or none heard yet), the close waits
 *       {@code closeGrace} after the end for bids still in flight.
 *   <li>Whatever the instances say, a close waits no longer than {@code gatewayTimeout} after the end.
 *   <li>For {@code gatewayTimeout} after it starts (a task that has just been assigned), an engine may not have heard
 *       every live instance yet: watermarks close nothing early then.
 * </ul>
 *
 * Times are epoch milliseconds: watermarks and ends are the gateways' clock, {@code now} the processor's. Only the
 * timing of a close depends on them; what a close decides depends only on the log (ADR 1).
 */
final class GatewayWatermarks {

    /** What one instance last announced, and when it was heard. */
    private record Heard(long watermark, long heardAt) {}

    private final long closeGrace;
    private final long gatewayTimeout;
    private final long startedAt;
    private final Map<String, Heard> gateways = new HashMap<>();

    GatewayWatermarks(Duration closeGrace, Duration gatewayTimeout, long startedAt) {
        this.closeGrace = closeGrace.toMillis();
        this.gatewayTimeout = gatewayTimeout.toMillis();
        this.startedAt = startedAt;
    }

    /** An instance's watermark; one that goes back (it cannot, but records can be old) is ignored. */
    void heard(String gatewayId, long watermark, long now) {
        gateways.merge(
                gatewayId,
                new Heard(watermark, now),
                (previous, latest) -> new Heard(Math.max(previous.watermark(), latest.watermark()), now));
    }

    /**
     * The time a close of an auction ending at {@code endsAt} may be written with, or empty if it must wait: every
     * command received before that time is in the log (or is no longer waited for).
     */
    OptionalLong closeTime(long endsAt, long now) {
        gateways.values().removeIf(heard -> heard.heardAt() < now - gatewayTimeout);
        if (!gateways.isEmpty() && now >= startedAt + gatewayTimeout) {
            long everyone =
                    gateways.values().stream().mapToLong(Heard::watermark).min().getAsLong();
            if (everyone >= endsAt) {
                return OptionalLong.of(everyone);
            }
        }
        if (gateways.isEmpty() && now >= endsAt + closeGrace) {
            return OptionalLong.of(now);
        }
        if (now >= endsAt + gatewayTimeout) {
            return OptionalLong.of(now);
        }
        return OptionalLong.empty();
    }

    /** The earliest time up to which a close could be due now: the slowest live instance's watermark, or now. */
    long horizon(long now) {
        return gateways.values().stream()
                .filter(heard -> heard.heardAt() >= now - gatewayTimeout)
                .mapToLong(Heard::watermark)
                .min()
                .orElse(now);
    }
}
