package ru.connections.evotor.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import ru.connections.testing.ManualClock;

/** Codes expire after ten minutes; the IT cannot wait that long, so a clock that can be moved stands in. */
class AuthorizationCodesTest {

    private static final String CALLBACK = "https://app.example/callback";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void aCodeWorksUntilTenMinutesHavePassed() {
        AuthorizationCodes codes = new AuthorizationCodes(clock);
        String fresh = codes.issue(CALLBACK);
        String stale = codes.issue(CALLBACK);
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertTrue(codes.redeem(fresh, CALLBACK));
        clock.advance(Duration.ofMillis(1));
        assertFalse(codes.redeem(stale, CALLBACK), "ten minutes on, the code is gone");
    }
}
