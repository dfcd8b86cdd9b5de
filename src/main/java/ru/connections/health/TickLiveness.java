package ru.connections.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when no health tick has completed for three tick periods, on this server or (read from the
 * database) on any server of the cluster: the timer is stuck or gone, and a restart is the cure.
 */
@Liveness
@ApplicationScoped
public class TickLiveness implements HealthCheck {

    private static final Duration LIMIT = HealthSettings.TICK.multipliedBy(3);
    private static final Duration STUCK = Duration.ofMinutes(30);

    @Inject
    private HealthSweep sweep;

    @Inject
    private HealthStore store;

    @Inject
    private HealthSettings settings;

    private final Instant started = Instant.now();

    @Override
    public HealthCheckResponse call() {
        Instant now = Instant.now();
        Instant last = sweep.lastCompleted();
        try {
            Instant cluster = store.lastTick().map(HealthStore.LastTick::finishedAt).orElse(null);
            if (cluster != null && (last == null || cluster.isAfter(last))) {
                last = cluster;
            }
        } catch (Exception e) {
            // The database is a readiness matter; judge by this server's own ticks.
        }
        // A sweep in progress is alive unless it has been running absurdly long.
        Instant runningSince = sweep.runningSince();
        boolean sweeping = runningSince != null && Duration.between(runningSince, now).compareTo(STUCK) < 0;
        Instant reference = last != null ? last : started;
        boolean up = !settings.enabled() || sweeping || Duration.between(reference, now).compareTo(LIMIT) <= 0;
        return HealthCheckResponse.named("health-ticks")
                .status(up)
                .withData("lastTick", last == null ? "none" : last.toString())
                .build();
    }
}
