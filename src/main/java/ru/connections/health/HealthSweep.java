package ru.connections.health;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import ru.connections.evotor.EvotorConnection;
import ru.connections.evotor.EvotorConnections;
import ru.connections.platform.DatabaseMigrator;

/**
 * One sweep over the due connections: read a page, probe it with at most
 * {@code health.check.concurrency} requests in flight, write the page's results in one batch, repeat.
 * No database transaction is open while a probe waits for Evotor.
 */
@ApplicationScoped
public class HealthSweep {

    private static final Logger LOG = Logger.getLogger(HealthSweep.class.getName());
    /** A bound on pages per tick, in case a page's writes keep failing. */
    private static final int MAX_PAGES = 10_000;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    @Inject
    private HealthSettings settings;

    @Inject
    private EvotorConnections connections;

    @Inject
    private Prober prober;

    @Inject
    private HealthStore store;

    @Inject
    private HealthMetrics metrics;

    @Inject
    private DatabaseMigrator migrator;

    @Resource
    private ManagedThreadFactory threads;

    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant lastCompleted;
    private volatile Instant runningSince;
    private volatile Instant lastPruned = Instant.EPOCH;
    private ExecutorService pool;
    private int poolSize;

    /** Runs a sweep unless one is still running (then this tick skips, and says so). */
    public SweepReport tick() {
        if (!settings.enabled() || !migrator.isMigrated()) {
            return SweepReport.notRun();
        }
        if (!running.compareAndSet(false, true)) {
            LOG.info("Health tick skipped: the previous tick is still running");
            return SweepReport.notRun();
        }
        runningSince = clock.instant();
        try {
            SweepReport report = sweep();
            LOG.info(report.logLine());
            return report;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Health tick failed, the next tick tries again: " + e.getMessage());
            return SweepReport.notRun();
        } finally {
            lastCompleted = clock.instant();
            runningSince = null;
            running.set(false);
        }
    }

    /** When the sweep now running started; null if none is running. */
    public Instant runningSince() {
        return runningSince;
    }

    /** When a tick last ran to its end on this server (null if none has). */
    public Instant lastCompleted() {
        return lastCompleted;
    }

    SweepReport sweep() throws SQLException {
        long started = System.nanoTime();
        Instant now = clock.instant();
        StatusPolicy policy = new StatusPolicy(settings.interval(), settings.retry(), settings.failureThreshold(),
                () -> ThreadLocalRandom.current().nextDouble());
        int due = 0;
        int checked = 0;
        int online = 0;
        int offline = 0;
        int needsReconnect = 0;
        int rateLimited = 0;
        boolean outage = false;
        ExecutorService executor = pool(settings.concurrency());
        int pageSize = settings.pageSize();
        for (int page = 0; page < MAX_PAGES; page++) {
            List<EvotorConnection> batch = connections.due(now, pageSize);
            if (batch.isEmpty()) {
                break;
            }
            due += batch.size();
            List<ProbeResult> results = probeAll(executor, batch);
            outage = page == 0 && results.stream().allMatch(r -> r.outcome() == ProbeOutcome.UNREACHABLE);
            List<HealthStore.Write> writes = new ArrayList<>(results.size());
            for (ProbeResult r : results) {
                StatusPolicy.Decision decision = outage
                        ? policy.outage(r.before(), r.checkedAt())
                        : policy.apply(r.before(), r.outcome(), r.retryAfter(), r.checkedAt());
                writes.add(new HealthStore.Write(r, decision, !outage));
                if (!outage) {
                    checked++;
                    metrics.probed(r);
                    switch (r.outcome().kind()) {
                        case OK -> online++;
                        case NEEDS_RECONNECT -> needsReconnect++;
                        case RATE_LIMITED -> rateLimited++;
                        case TRANSIENT -> {
                            if (!decision.state().online()) {
                                offline++;
                            }
                        }
                    }
                }
            }
            store.write(writes);
            if (outage || batch.size() < pageSize) {
                break;
            }
        }
        if (Duration.between(lastPruned, now).compareTo(PRUNE_EVERY) > 0) {
            store.prune(now.minus(settings.historyRetention()));
            lastPruned = now;
        }
        SweepReport report = new SweepReport(due, checked, online, offline + needsReconnect, needsReconnect,
                rateLimited, Duration.ofNanos(System.nanoTime() - started).toMillis(), outage, false);
        store.recordTick(report, clock.instant());
        metrics.ticked(report, store.countByStatus());
        return report;
    }

    private List<ProbeResult> probeAll(ExecutorService executor, List<EvotorConnection> batch) {
        List<Future<ProbeResult>> futures = new ArrayList<>(batch.size());
        for (EvotorConnection c : batch) {
            futures.add(executor.submit(() -> prober.probe(c)));
        }
        List<ProbeResult> results = new ArrayList<>(batch.size());
        for (Future<ProbeResult> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                // The prober turns every Evotor failure into an outcome; this is a bug, not Evotor.
                LOG.log(Level.WARNING, "A probe failed unexpectedly", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("health sweep interrupted (server stopping)", e);
            }
        }
        return results;
    }

    /** A fixed pool of exactly {@code size} probe threads: never more than that many requests in flight. */
    private synchronized ExecutorService pool(int size) {
        if (pool == null || poolSize != size) {
            if (pool != null) {
                pool.shutdown();
            }
            pool = Executors.newFixedThreadPool(size, threads);
            poolSize = size;
        }
        return pool;
    }

    /** On shutdown, in-flight probes are interrupted and given a few seconds; writes are all-or-nothing. */
    @PreDestroy
    synchronized void stop() {
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
