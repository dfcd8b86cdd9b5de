package ru.connections.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final Instant t0 = Instant.parse("2026-12-03T10:00:00Z");

    private LoginThrottle.Window failures(int count, Duration apart) {
        LoginThrottle.Window window = LoginThrottle.Window.CLEAR;
        for (int i = 0; i < count; i++) {
            window = LoginThrottle.afterFailure(window, t0.plus(apart.multipliedBy(i)));
        }
        return window;
    }

    @Test
    void fourFailuresDoNotLock() {
        assertTrue(LoginThrottle.lockedFor(failures(4, Duration.ofSeconds(10)), t0.plusSeconds(40)).isEmpty());
    }

    @Test
    void theFifthFailureWithinFifteenMinutesLocksUntilTheWindowEnds() {
        LoginThrottle.Window window = failures(5, Duration.ofMinutes(1));
        assertEquals(Duration.ofMinutes(11), LoginThrottle.lockedFor(window, t0.plus(Duration.ofMinutes(4))).orElseThrow());
        assertTrue(LoginThrottle.lockedFor(window, t0.plus(Duration.ofMinutes(15))).isEmpty());
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowStartAgain() {
        LoginThrottle.Window window = failures(5, Duration.ofMinutes(4));
        assertEquals(1, window.failures(), "the fifth failure opened a new window");
        assertTrue(LoginThrottle.lockedFor(window, t0.plus(Duration.ofMinutes(16))).isEmpty());
    }
}
