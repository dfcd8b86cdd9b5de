package ru.connections.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import ru.connections.dashboard.CheckResult;
import ru.connections.evotor.EvotorConnection;
import ru.connections.evotor.EvotorConnections;
import ru.connections.evotor.EvotorHealthCheck;

/** "Проверить сейчас": one probe at once, at most once per {@link #MIN_GAP} per connection, cluster-wide. */
@ApplicationScoped
public class CheckNowService implements EvotorHealthCheck {

    static final Duration MIN_GAP = Duration.ofSeconds(10);

    @Inject
    private EvotorConnections connections;

    @Inject
    private Prober prober;

    @Inject
    private HealthStore store;

    @Inject
    private HealthSettings settings;

    private final Clock clock = Clock.systemUTC();

    @Override
    public CheckResult checkNow(long userId) {
        Optional<EvotorConnection> found = connections.forUser(userId);
        if (found.isEmpty()) {
            return new CheckResult(CheckResult.Kind.NOT_CONNECTED, 0);
        }
        EvotorConnection connection = found.get();
        Instant now = clock.instant();
        try {
            // Claims the check in the database, so two clicks (or two servers) cannot both probe.
            if (!store.claimCheck(connection.getId(), now, now.minus(MIN_GAP))) {
                Instant last = connection.getLastCheckedAt() == null ? now : connection.getLastCheckedAt();
                long wait = Math.max(1, MIN_GAP.minus(Duration.between(last, now)).toSeconds());
                return new CheckResult(CheckResult.Kind.TOO_SOON, wait);
            }
            ProbeResult result = prober.probe(connection);
            StatusPolicy policy = new StatusPolicy(settings.interval(), settings.retry(), settings.failureThreshold(),
                    () -> ThreadLocalRandom.current().nextDouble());
            store.write(List.of(new HealthStore.Write(result,
                    policy.apply(result.before(), result.outcome(), result.retryAfter(), result.checkedAt()), true)));
            return CheckResult.done();
        } catch (SQLException e) {
            throw new IllegalStateException("check now: database unavailable", e);
        }
    }
}
