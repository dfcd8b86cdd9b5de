package ru.connections.evotor.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window request limit per access token, so the X-RateLimit-* headers count down as on the
 * real Evotor and a client that ignores them really gets 429.
 */
@ApplicationScoped
public class RateLimiter {

    static final int DEFAULT_LIMIT = 1000;
    static final int DEFAULT_WINDOW_SECONDS = 60;

    record Settings(int limit, int windowSeconds) {
        static final Settings DEFAULT = new Settings(DEFAULT_LIMIT, DEFAULT_WINDOW_SECONDS);
    }

    /** What the headers of one answer say; {@code exceeded} when this request went over the limit. */
    record Quota(int limit, int remaining, long resetSeconds, boolean exceeded) {
    }

    private static final class Window {
        private Instant start;
        private int used;
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Settings settings = Settings.DEFAULT;

    public RateLimiter() {
        this(Clock.systemUTC());
    }

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    Settings settings() {
        return settings;
    }

    void settings(Settings settings) {
        this.settings = settings;
        windows.clear();
    }

    /** Counts one request of this token. */
    Quota consume(String token) {
        Settings current = settings;
        Instant now = clock.instant();
        Window window = windows.computeIfAbsent(token, t -> new Window());
        synchronized (window) {
            Duration length = Duration.ofSeconds(current.windowSeconds());
            if (window.start == null || !now.isBefore(window.start.plus(length))) {
                window.start = now;
                window.used = 0;
            }
            window.used++;
            long reset = Math.max(1, (Duration.between(now, window.start.plus(length)).toMillis() + 999) / 1000);
            int remaining = Math.max(0, current.limit() - window.used);
            return new Quota(current.limit(), remaining, reset, window.used > current.limit());
        }
    }

    /** The headers of an answer that no token's window is charged for (no or an unknown token). */
    Quota untouched() {
        Settings current = settings;
        return new Quota(current.limit(), current.limit(), current.windowSeconds(), false);
    }

    void reset() {
        settings(Settings.DEFAULT);
    }
}
