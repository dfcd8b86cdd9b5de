package ru.connections.health;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** The health checker's Prometheus metrics (GET /metrics?scope=application). */
@ApplicationScoped
public class HealthMetrics {

    @Inject
    private MetricRegistry registry;

    private final AtomicLong online = new AtomicLong();
    private final AtomicLong offline = new AtomicLong();
    private final AtomicLong lastTickEpochSeconds = new AtomicLong();

    @PostConstruct
    void register() {
        registry.gauge("health.connections", online::get, new Tag("status", "online"));
        registry.gauge("health.connections", offline::get, new Tag("status", "offline"));
        registry.gauge("health.last.tick.epoch.seconds", lastTickEpochSeconds::get);
    }

    void probed(ProbeResult result) {
        registry.counter("health.checks", new Tag("outcome", result.outcome().code())).inc();
        registry.timer("health.probe.latency").update(Duration.ofMillis(result.latencyMs()));
    }

    void ticked(SweepReport report, long[] countsByStatus) {
        registry.timer("health.tick.duration").update(Duration.ofMillis(report.durationMs()));
        online.set(countsByStatus[0]);
        offline.set(countsByStatus[1]);
        lastTickEpochSeconds.set(System.currentTimeMillis() / 1000);
    }
}
