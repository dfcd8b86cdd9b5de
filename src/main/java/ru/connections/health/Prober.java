package ru.connections.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import ru.connections.evotor.EvotorConnection;
import ru.connections.evotor.EvotorConnections;
import ru.connections.evotor.EvotorConnections.SealedTokens;
import ru.connections.evotor.EvotorException;
import ru.connections.evotor.EvotorService;
import ru.connections.evotor.TokenGrant;

/**
 * Probes one connection with {@code GET /stores} (one page: the cheapest call that proves the token
 * works). A rejected token with a stored refresh token is refreshed once and probed again.
 */
@ApplicationScoped
public class Prober {

    @Inject
    private EvotorService evotor;

    @Inject
    private EvotorConnections connections;

    private final Clock clock = Clock.systemUTC();

    ProbeResult probe(EvotorConnection c) {
        StatusPolicy.State before = new StatusPolicy.State(c.isOnline(), c.getFailuresInRow(), c.getFailureReason(),
                c.getStatusChangedAt());
        long started = System.nanoTime();
        Attempt attempt = attempt(connections.accessToken(c));
        SealedTokens refreshed = null;
        if (attempt.outcome.kind() == ProbeOutcome.Kind.NEEDS_RECONNECT) {
            Optional<String> refreshToken = connections.refreshToken(c);
            if (refreshToken.isPresent()) {
                try {
                    TokenGrant grant = evotor.refresh(refreshToken.get());
                    Attempt again = attempt(grant.accessToken());
                    if (again.outcome == ProbeOutcome.ONLINE) {
                        refreshed = connections.seal(c.getUserId(), grant, clock.instant());
                    }
                    attempt = again.outcome.kind() == ProbeOutcome.Kind.OK ? again : attempt;
                } catch (EvotorException e) {
                    // A failed refresh leaves the first verdict: the user has to reconnect.
                }
            }
        }
        long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Instant at = clock.instant();
        return new ProbeResult(c.getId(), c.getEncryptedAccessToken(), before, attempt.outcome, at, latency,
                attempt.status, attempt.retryAfter, refreshed);
    }

    private record Attempt(ProbeOutcome outcome, int status, Duration retryAfter) {
    }

    private Attempt attempt(String token) {
        try {
            evotor.storesPage(token, null);
            return new Attempt(ProbeOutcome.ONLINE, 200, null);
        } catch (EvotorException e) {
            Duration retryAfter = e.retryAfterSeconds().isPresent()
                    ? Duration.ofSeconds(e.retryAfterSeconds().getAsLong()) : null;
            return new Attempt(outcomeOf(e), e.status(), retryAfter);
        } catch (RuntimeException e) {
            // Whatever else breaks in a probe counts against Evotor's answer, never against the sweep.
            return new Attempt(ProbeOutcome.MALFORMED, 0, null);
        }
    }

    static ProbeOutcome outcomeOf(EvotorException e) {
        return switch (e.reason()) {
            case TOKEN_REJECTED, GRANT_REJECTED -> ProbeOutcome.TOKEN_REVOKED;
            case NOT_INSTALLED -> ProbeOutcome.NOT_INSTALLED;
            case FORBIDDEN, CLIENT_REJECTED -> ProbeOutcome.FORBIDDEN;
            case RATE_LIMITED -> ProbeOutcome.RATE_LIMITED;
            case TIMEOUT -> ProbeOutcome.TIMEOUT;
            case UNREACHABLE -> ProbeOutcome.UNREACHABLE;
            case UNAVAILABLE -> ProbeOutcome.SERVER_ERROR;
            case NOT_FOUND, MALFORMED, UNEXPECTED -> ProbeOutcome.MALFORMED;
        };
    }
}
