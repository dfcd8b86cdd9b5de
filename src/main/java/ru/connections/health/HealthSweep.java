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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import ru.connections.evotor.EvotorConnection;
import ru.connections.evotor.EvotorConnections;
import ru.connections.platform.DatabaseMigrator;

/**
 * One sweep over the due connections as a pipeline: pages of due connections (by id) feed a fixed pool of
 * {@code health.check.concurrency} probe threads, the next page is read before the queue runs dry, and
 * finished results are written in batches while later probes are still in flight. No database
 * transaction is open while a probe waits for Evotor.
 */
@ApplicationScoped
public class HealthSweep {

    private static final Logger LOG = Logger.getLogger(HealthSweep.class.getName());
    /** A bound on pages per tick (five million connections at the default page size). */
    private static final int MAX_PAGES = 10_000;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** Results are written at least this often, so a slow Evotor still shows statuses as they come. */
    private static final long FLUSH_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

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
    /** Set when the application stops: probes cut short by it are not results, and nothing more is written. */
    private volatile boolean stopping;

    /**
     * Runs a sweep for the firing that came due at {@code dueAt}, unless that firing came due while the
     * previous sweep was still running: then this tick skips, and says so.
     */
    public SweepReport tick(Instant dueAt) {
        if (!settings.enabled() || !migrator.isMigrated()) {
            return SweepReport.notRun();
        }
        Instant previous = lastCompleted;
        if (previous != null && dueAt.isBefore(previous) || !running.compareAndSet(false, true)) {
            LOG.info("Health tick skipped: the previous tick was still running when this one came due at " + dueAt);
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
        int concurrency = settings.concurrency();
        ExecutorService executor = pool(concurrency);
        int pageSize = settings.pageSize();
        // Read the next page while this much work is still queued, so the probe threads never wait for the database.
        int refillBelow = Math.max(pageSize / 2, 2 * concurrency);
        BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
        AtomicBoolean abandon = new AtomicBoolean();
        Tally tally = new Tally();
        List<ProbeResult> ready = new ArrayList<>();
        long afterId = 0;
        boolean exhausted = false;
        int outstanding = 0;
        int pages = 0;
        long lastFlush = System.nanoTime();
        try {
            while (true) {
                if (!exhausted && outstanding <= refillBelow) {
                    List<EvotorConnection> page = connections.due(now, afterId, pageSize);
                    for (EvotorConnection c : page) {
                        executor.execute(() -> finished.add(abandon.get() ? Finished.SKIPPED : probe(c)));
                    }
                    outstanding += page.size();
                    tally.due += page.size();
                    exhausted = page.size() < pageSize || ++pages >= MAX_PAGES;
                    if (!page.isEmpty()) {
                        afterId = page.get(page.size() - 1).getId();
                    }
                }
                if (outstanding == 0) {
                    break;
                }
                Finished next = await(finished, executor);
                if (next == null) {
                    continue;
                }
                do {
                    outstanding--;
                    if (next.result() != null) {
                        ready.add(next.result());
                        tally.seen(next.result(), concurrency);
                    }
                } while ((next = finished.poll()) != null);
                if (tally.outage == Boolean.TRUE && abandon.compareAndSet(false, true)) {
                    // Evotor is unreachable from here: queued probes return at once and stay due for the next tick.
                    exhausted = true;
                }
                if (stopping) {
                    throw new IllegalStateException("health sweep stopped: the server is stopping");
                }
                if (tally.outage != null && (ready.size() >= pageSize || outstanding == 0
                        || System.nanoTime() - lastFlush > FLUSH_EVERY_NANOS)) {
                    flush(ready, policy, tally);
                    lastFlush = System.nanoTime();
                }
            }
            if (!ready.isEmpty() && !stopping) {
                flush(ready, policy, tally);
            }
        } finally {
            // Whatever ends the sweep early, probes still queued return without calling Evotor.
            abandon.set(true);
        }
        if (Duration.between(lastPruned, now).compareTo(PRUNE_EVERY) > 0) {
            store.prune(now.minus(settings.historyRetention()));
            lastPruned = now;
        }
        boolean outage = tally.outage == Boolean.TRUE;
        SweepReport report = new SweepReport(tally.due, tally.checked, tally.online,
                tally.offline + tally.needsReconnect, tally.needsReconnect, tally.rateLimited,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), outage, false);
        store.recordTick(report, clock.instant());
        metrics.ticked(report, store.countByStatus());
        return report;
    }

    private Finished probe(EvotorConnection c) {
        try {
            ProbeResult result = prober.probe(c);
            // A probe the stopping server cut short (it interrupts its threads) says nothing about the connection.
            return stopping || Thread.currentThread().isInterrupted() ? Finished.SKIPPED : new Finished(result);
        } catch (RuntimeException e) {
            // The prober turns every Evotor failure into an outcome; this is a bug, not Evotor. The connection stays due.
            LOG.log(Level.WARNING, "A probe failed unexpectedly", e);
            return Finished.SKIPPED;
        }
    }

    /** The next finished probe, or null after a second; gives up when the server is stopping. */
    private static Finished await(BlockingQueue<Finished> finished, ExecutorService executor) {
        try {
            Finished next = finished.poll(1, TimeUnit.SECONDS);
            if (next == null && executor.isShutdown()) {
                throw new IllegalStateException("health sweep stopped: the server is stopping");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("health sweep interrupted: the server is stopping", e);
        }
    }

    /** Writes the results gathered so far in one short transaction, then forgets them. */
    private void flush(List<ProbeResult> ready, StatusPolicy policy, Tally tally) throws SQLException {
        boolean outage = tally.outage == Boolean.TRUE;
        List<HealthStore.Write> writes = new ArrayList<>(ready.size());
        for (ProbeResult r : ready) {
            if (outage && r.outcome() == ProbeOutcome.UNREACHABLE) {
                writes.add(new HealthStore.Write(r, policy.outage(r.before(), r.checkedAt()), false));
                continue;
            }
            StatusPolicy.Decision decision = policy.apply(r.before(), r.outcome(), r.retryAfter(), r.checkedAt());
            writes.add(new HealthStore.Write(r, decision, true));
            tally.count(r, decision);
            metrics.probed(r);
        }
        store.write(writes);
        ready.clear();
    }

    /** A probe that ended: its result, or none when it was skipped. */
    private record Finished(ProbeResult result) {
        static final Finished SKIPPED = new Finished(null);
    }

    /** The tick's counts, and whether this tick is an outage (null while it cannot yet tell). */
    private static final class Tally {
        int due;
        int checked;
        int online;
        int offline;
        int needsReconnect;
        int rateLimited;
        int seen;
        Boolean outage;

        /**
         * An outage is when the tick's first probes (as many as run at once, or all there are) all failed to
         * connect; one probe that reached Evotor settles that there is none.
         */
        void seen(ProbeResult r, int concurrency) {
            seen++;
            if (outage != null) {
                return;
            }
            if (r.outcome() != ProbeOutcome.UNREACHABLE) {
                outage = false;
            } else if (seen >= Math.min(concurrency, due)) {
                outage = true;
            }
        }

        void count(ProbeResult r, StatusPolicy.Decision decision) {
            checked++;
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
        stopping = true;
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
