package ru.connections.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The guard against password guessing: after {@value #MAX_FAILURES} wrong passwords for one account
 * within {@link #WINDOW}, sign-in for that account is refused until the window has passed.
 */
public final class LoginThrottle {

    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    /** Failed attempts counted since the first failure of the current window. */
    public record Window(int failures, Instant since) {
        public static final Window CLEAR = new Window(0, null);
    }

    private LoginThrottle() {
    }

    /** How long the account stays locked, if it is. */
    public static Optional<Duration> lockedFor(Window window, Instant now) {
        if (window.failures() < MAX_FAILURES || window.since() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, window.since().plus(WINDOW));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** The window after one more wrong password at {@code now}. */
    public static Window afterFailure(Window window, Instant now) {
        if (window.since() == null || !now.isBefore(window.since().plus(WINDOW))) {
            return new Window(1, now);
        }
        return new Window(window.failures() + 1, window.since());
    }
}
