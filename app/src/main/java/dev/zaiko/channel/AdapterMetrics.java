package dev.zaiko.channel;

import java.time.Duration;
import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The marketplace adapters' meters, per channel: {@code zaiko.channel.adapter.pushes} (counter,
 * outcome ok, failed or throttled), {@code zaiko.channel.adapter.items} (counter, SKUs the
 * marketplace took), {@code zaiko.channel.adapter.dropped} (counter, SKUs dropped from the queue
 * without a request because the adapter cannot send them: {@link MarketplaceAdapter#cannotSend}), {@code zaiko.channel.adapter.push} (timer, how long a push took, by outcome)
 * and {@code zaiko.channel.adapter.queue} (gauge, SKUs waiting on this instance: 0 where another
 * instance holds the channel).
 */
final class AdapterMetrics {

    static final String OK = "ok";
    static final String FAILED = "failed";
    static final String THROTTLED = "throttled";

    private final MeterRegistry registry;
    private final ToIntFunction<String> queued;

    /** @param queued the SKUs queued for a channel on this instance, now */
    AdapterMetrics(MeterRegistry registry, ToIntFunction<String> queued) {
        this.registry = registry;
        this.queued = queued;
    }

    /** Registers the channel's queue gauge (again is harmless: the registry keeps the first). */
    void channel(String channel) {
        Gauge.builder("zaiko.channel.adapter.queue", () -> queued.applyAsInt(channel))
                .description("SKUs read from the channel's feed and waiting for their push on this instance")
                .tag("channel", channel).register(registry);
    }

    void dropped(String channel, int skus) {
        Counter.builder("zaiko.channel.adapter.dropped")
                .description("SKUs dropped from a channel's queue without a request: the adapter cannot send them")
                .tag("channel", channel).register(registry).increment(skus);
    }

    void pushed(String channel, String outcome, int items, Duration took) {
        Counter.builder("zaiko.channel.adapter.pushes").description("Pushes to a marketplace by their outcome")
                .tag("channel", channel).tag("outcome", outcome).register(registry).increment();
        if (items > 0) {
            Counter.builder("zaiko.channel.adapter.items").description("SKUs a marketplace took")
                    .tag("channel", channel).register(registry).increment(items);
        }
        Timer.builder("zaiko.channel.adapter.push").description("How long a push to a marketplace took")
                .tag("channel", channel).tag("outcome", outcome).register(registry)
                .record(took.isNegative() ? Duration.ZERO : took);
    }
}
