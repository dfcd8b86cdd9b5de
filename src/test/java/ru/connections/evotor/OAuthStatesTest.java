package ru.connections.evotor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import ru.connections.testing.ManualClock;

class OAuthStatesTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final OAuthStates states = new OAuthStates(clock);

    @Test
    void aStateWorksOnceAndOnlyForThisSession() {
        String state = states.issue();
        assertTrue(state.length() >= 40, "256 random bits");
        assertNotEquals(state, states.issue());
        assertTrue(states.consume(state));
        assertFalse(states.consume(state), "single use");
        assertFalse(new OAuthStates(clock).consume(states.issue()), "another session does not know it");
        assertFalse(states.consume(null));
        assertFalse(states.consume("forged"));
    }

    @Test
    void aStateExpiresAfterTenMinutes() {
        String fresh = states.issue();
        String stale = states.issue();
        clock.advance(Duration.ofMinutes(9));
        assertTrue(states.consume(fresh));
        clock.advance(Duration.ofMinutes(1));
        assertFalse(states.consume(stale));
    }
}
