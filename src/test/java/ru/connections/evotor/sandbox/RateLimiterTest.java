package ru.connections.evotor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import ru.connections.testing.ManualClock;

/** The limit's window opens again after its length, which the IT cannot wait for. */
class RateLimiterTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void aSpentWindowRefusesUntilItResetsAndSaysWhen() {
        RateLimiter limiter = new RateLimiter(clock);
        limiter.settings(new RateLimiter.Settings(2, 60));
        assertEquals(1, limiter.consume("t").remaining());
        assertEquals(0, limiter.consume("t").remaining());
        clock.advance(Duration.ofSeconds(45));
        RateLimiter.Quota over = limiter.consume("t");
        assertTrue(over.exceeded());
        assertEquals(15, over.resetSeconds());
        assertFalse(limiter.consume("other").exceeded(), "every token has its own window");

        clock.advance(Duration.ofSeconds(15));
        RateLimiter.Quota fresh = limiter.consume("t");
        assertFalse(fresh.exceeded());
        assertEquals(1, fresh.remaining());
        assertEquals(60, fresh.resetSeconds());
    }
}
