package ru.connections.health;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * The rules that turn a probe's outcome into a connection's status and its next check. Pure logic:
 * the sweep applies it, the tests check it without a server.
 */
public final class StatusPolicy {

    /** A connection's status as stored. */
    public record State(boolean online, int failuresInRow, String reason, Instant statusChangedAt) {
    }

    /** The state after a probe, and when to probe next. */
    public record Decision(State state, Instant nextCheckAt) {
    }

    private final Duration interval;
    private final Duration retry;
    private final int failureThreshold;
    private final DoubleSupplier random;

    /** @param random values in [0, 1), for the ±10% spread of the next check */
    public StatusPolicy(Duration interval, Duration retry, int failureThreshold, DoubleSupplier random) {
        this.interval = interval;
        this.retry = retry;
        this.failureThreshold = Math.max(1, failureThreshold);
        this.random = random;
    }

    /**
     * @param retryAfter for {@link ProbeOutcome#RATE_LIMITED}: Evotor's X-RateLimit-Reset, if it sent one
     */
    public Decision apply(State current, ProbeOutcome outcome, Duration retryAfter, Instant now) {
        return switch (outcome.kind()) {
            case OK -> new Decision(next(current, true, 0, null, now), now.plus(spread(interval)));
            case NEEDS_RECONNECT -> new Decision(next(current, false, 0, outcome.code(), now), now.plus(spread(interval)));
            case RATE_LIMITED -> new Decision(current, now.plus(retryAfter != null ? retryAfter : retry));
            case TRANSIENT -> {
                int failures = current.failuresInRow() + 1;
                State state = failures >= failureThreshold
                        ? next(current, false, failures, outcome.code(), now)
                        : new State(current.online(), failures, current.reason(), current.statusChangedAt());
                yield new Decision(state, now.plus(retry));
            }
        };
    }

    /** An outage between this server and Evotor is nobody's fault: no status changes, try again soon. */
    public Decision outage(State current, Instant now) {
        return new Decision(current, now.plus(retry));
    }

    private static State next(State current, boolean online, int failures, String reason, Instant now) {
        Instant changed = current.online() == online && current.statusChangedAt() != null ? current.statusChangedAt() : now;
        return new State(online, failures, reason, changed);
    }

    /** The interval ±10%, so checks of connections made at the same time drift apart. */
    Duration spread(Duration base) {
        double factor = 0.9 + 0.2 * random.getAsDouble();
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
