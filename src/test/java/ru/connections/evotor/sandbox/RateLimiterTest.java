package ru.connections.evotor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The limit's window opens again after its length, which the IT cannot wait for. */
class RateLimiterTest {

    private Instant now = Instant.parse("2026-03-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aSpentWindowRefusesUntilItResetsAndSaysWhen() {
        RateLimiter limiter = new RateLimiter(clock);
        limiter.settings(new RateLimiter.Settings(2, 60));
        assertEquals(1, limiter.consume("t").remaining());
        assertEquals(0, limiter.consume("t").remaining());
        now = now.plus(Duration.ofSeconds(45));
        RateLimiter.Quota over = limiter.consume("t");
        assertTrue(over.exceeded());
        assertEquals(15, over.resetSeconds());
        assertFalse(limiter.consume("other").exceeded(), "every token has its own window");

        now = now.plus(Duration.ofSeconds(15));
        RateLimiter.Quota fresh = limiter.consume("t");
        assertFalse(fresh.exceeded());
        assertEquals(1, fresh.remaining());
        assertEquals(60, fresh.resetSeconds());
    }
}
