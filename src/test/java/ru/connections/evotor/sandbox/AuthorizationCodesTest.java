package ru.connections.evotor.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Codes expire after ten minutes; the IT cannot wait that long, so a clock that can be moved stands in. */
class AuthorizationCodesTest {

    private static final String CALLBACK = "https://app.example/callback";

    private Instant now = Instant.parse("2026-03-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aCodeWorksUntilTenMinutesHavePassed() {
        AuthorizationCodes codes = new AuthorizationCodes(clock);
        String fresh = codes.issue(CALLBACK);
        String stale = codes.issue(CALLBACK);
        now = now.plus(Duration.ofMinutes(10)).minusMillis(1);
        assertTrue(codes.redeem(fresh, CALLBACK));
        now = now.plusMillis(1);
        assertFalse(codes.redeem(stale, CALLBACK), "ten minutes on, the code is gone");
    }
}
