package ru.connections.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The health checker's settings (server.xml variables), read afresh at every tick so that ops can
 * change the interval in server.xml without a rebuild or a restart.
 */
@ApplicationScoped
public class HealthSettings {

    /** The timer's period; fixed, since ops tune the check interval, not the tick. */
    public static final Duration TICK = Duration.ofSeconds(15);

    private Config config() {
        return ConfigProvider.getConfig(HealthSettings.class.getClassLoader());
    }

    private long number(String name, long fallback) {
        return config().getOptionalValue(name, Long.class).orElse(fallback);
    }

    public Duration interval() {
        return Duration.ofSeconds(Math.max(1, number("health.check.interval.seconds", 600)));
    }

    public Duration retry() {
        return Duration.ofSeconds(Math.max(1, number("health.check.retry.seconds", 30)));
    }

    public int failureThreshold() {
        return (int) Math.max(1, number("health.check.failure.threshold", 2));
    }

    public int concurrency() {
        return (int) Math.max(1, number("health.check.concurrency", 32));
    }

    /** Connections read per database round trip. */
    public int pageSize() {
        return (int) Math.max(1, number("health.check.page.size", 500));
    }

    public Duration historyRetention() {
        return Duration.ofDays(Math.max(1, number("health.check.history.days", 30)));
    }

    public boolean enabled() {
        return config().getOptionalValue("health.check.enabled", Boolean.class).orElse(true);
    }
}
