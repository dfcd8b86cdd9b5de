package ru.connections.health;

import java.time.Duration;
import java.time.Instant;
import ru.connections.evotor.EvotorConnections.SealedTokens;

/**
 * One probe, ready to be written: what it found and, if a refresh was needed, the new tokens.
 *
 * @param guardToken the stored access token as it was read: the write applies only if it is unchanged,
 *                   so a connection removed or reconnected meanwhile is not resurrected or overwritten
 */
record ProbeResult(long connectionId, String guardToken, StatusPolicy.State before, ProbeOutcome outcome,
                   Instant checkedAt, long latencyMs, int httpStatus, Duration retryAfter, SealedTokens refreshed) {
}
