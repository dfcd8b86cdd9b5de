package ru.connections.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusPolicyTest {

    private final Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final StatusPolicy policy = new StatusPolicy(Duration.ofSeconds(600), Duration.ofSeconds(30), 2, () -> 0.5);
    private final StatusPolicy.State online = new StatusPolicy.State(true, 0, null, now.minusSeconds(3600));
    private final StatusPolicy.State offline = new StatusPolicy.State(false, 3, "server_error", now.minusSeconds(60));

    @Test
    void successIsOnlineAndTheNextCheckIsOneIntervalLater() {
        StatusPolicy.Decision d = policy.apply(offline, ProbeOutcome.ONLINE, null, now);
        assertTrue(d.state().online());
        assertEquals(0, d.state().failuresInRow());
        assertNull(d.state().reason());
        assertEquals(now, d.state().statusChangedAt(), "the status changed now");
        assertEquals(now.plusSeconds(600), d.nextCheckAt());
        assertEquals(online.statusChangedAt(), policy.apply(online, ProbeOutcome.ONLINE, null, now).state().statusChangedAt(),
                "still online: the change time stays");
    }

    @Test
    void theNextCheckSpreadsByTenPercent() {
        assertEquals(Duration.ofSeconds(540), new StatusPolicy(Duration.ofSeconds(600), Duration.ofSeconds(30), 2, () -> 0.0)
                .spread(Duration.ofSeconds(600)));
        assertEquals(Duration.ofMillis(659_988), new StatusPolicy(Duration.ofSeconds(600), Duration.ofSeconds(30), 2, () -> 0.9999)
                .spread(Duration.ofSeconds(600)));
    }

    @Test
    void revokedUninstalledOrForbiddenAreOfflineAtOnceWithTheReason() {
        for (ProbeOutcome outcome : new ProbeOutcome[] {ProbeOutcome.TOKEN_REVOKED, ProbeOutcome.NOT_INSTALLED,
                ProbeOutcome.FORBIDDEN}) {
            StatusPolicy.Decision d = policy.apply(online, outcome, null, now);
            assertFalse(d.state().online(), outcome.name());
            assertEquals(outcome.code(), d.state().reason());
            assertEquals(now.plusSeconds(600), d.nextCheckAt(), "no quick retries");
        }
    }

    @Test
    void rateLimitedChangesNothingAndWaitsForTheReset() {
        StatusPolicy.Decision d = policy.apply(online, ProbeOutcome.RATE_LIMITED, Duration.ofSeconds(42), now);
        assertEquals(online, d.state());
        assertEquals(now.plusSeconds(42), d.nextCheckAt());
        assertEquals(now.plusSeconds(30), policy.apply(online, ProbeOutcome.RATE_LIMITED, null, now).nextCheckAt());
    }

    @Test
    void transientFailuresMarkOfflineOnlyAtTheThreshold() {
        StatusPolicy.Decision first = policy.apply(online, ProbeOutcome.TIMEOUT, null, now);
        assertTrue(first.state().online(), "one failure is not enough");
        assertEquals(1, first.state().failuresInRow());
        assertEquals(now.plusSeconds(30), first.nextCheckAt(), "retry soon");
        StatusPolicy.Decision second = policy.apply(first.state(), ProbeOutcome.SERVER_ERROR, null, now.plusSeconds(30));
        assertFalse(second.state().online());
        assertEquals("server_error", second.state().reason());
        assertEquals(now.plusSeconds(30), second.state().statusChangedAt());
        StatusPolicy.Decision back = policy.apply(second.state(), ProbeOutcome.ONLINE, null, now.plusSeconds(60));
        assertTrue(back.state().online(), "one success is enough");
    }

    @Test
    void anOutageChangesNoStatus() {
        StatusPolicy.Decision d = policy.outage(online, now);
        assertEquals(online, d.state());
        assertEquals(now.plusSeconds(30), d.nextCheckAt());
    }
}
