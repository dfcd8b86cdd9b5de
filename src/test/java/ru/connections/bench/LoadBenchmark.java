package ru.connections.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.MatchResult;
import ru.connections.it.support.Accounts;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.TestDatabase;
import ru.connections.it.support.WebClient;

/**
 * U signed-in users asking for /connections as fast as they can for S seconds while the health checker
 * sweeps N connections against a simulated Evotor (L ms): errors, throughput, p50/p99, and the sweep's time
 * under that load. Run with {@code mvn -B -Pbenchmark verify -Dbench.main=ru.connections.bench.LoadBenchmark}
 * (options: -Dbench.n, -Dbench.users, -Dbench.load.seconds).
 */
public final class LoadBenchmark {

    private final int n = Integer.getInteger("bench.n", 10_000);
    private final int users = Integer.getInteger("bench.users", 200);
    private final int seconds = Integer.getInteger("bench.load.seconds", 60);
    private final long latencyMs = Long.getLong("bench.latency.ms", 100);
    private final int concurrency = Integer.getInteger("bench.concurrency", 32);

    public static void main(String[] args) throws Exception {
        System.exit(new LoadBenchmark().run());
    }

    private int run() throws Exception {
        System.out.printf(Locale.ROOT, "%n=== Load benchmark: %d users for %d s during a sweep of N=%d (C=%d, L=%d ms) ===%n",
                users, seconds, n, concurrency, latencyMs);
        System.out.println("load before: " + SweepBenchmark.uptime());
        LibertyServer server = null;
        try (EvotorSimulator evotor = EvotorSimulator.start(latencyMs, 512)) {
            TestDatabase db = TestDatabase.fresh("load");
            Map<String, String> settings = new LinkedHashMap<>(db.serverSettings());
            settings.putAll(SweepBenchmark.sweepSettings(evotor, concurrency));
            server = LibertyServer.create("load", settings).startReady();

            // One registration through the app gives the password hash every load user shares.
            String template = Accounts.uniqueEmail("load");
            Accounts.register(new WebClient(server), template, Accounts.PASSWORD, Accounts.PASSWORD);
            server.stop();
            // Kept aside while the seeding (which numbers users from 1) runs, then given to every load user.
            String hash;
            try (var c = db.connect(); var q = c.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
                q.setString(1, template);
                try (var rs = q.executeQuery()) {
                    rs.next();
                    hash = rs.getString(1);
                }
            }
            db.update("DELETE FROM users WHERE email = ?", template);
            SweepBenchmark.seed("it_load", n);
            db.update("INSERT INTO users (email, password_hash, created_at) SELECT 'load-' || g || '@example.test',"
                    + " ?, now() FROM generate_series(1, ?) g", hash, users);

            server.set("HEALTH_CHECK_ENABLED", "true");
            Set<String> ticksBefore = new HashSet<>();
            SweepBenchmark.ticks(server.log()).forEach(t -> ticksBefore.add(t.group()));
            server.startReady();
            List<WebClient> clients = signIn(server);
            System.out.println("signed in " + clients.size() + " users; waiting for the sweep to start");
            while (evotor.total() == 0) {
                Thread.sleep(100);
            }

            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicLong errors = new AtomicLong();
            Map<String, AtomicLong> errorKinds = new java.util.concurrent.ConcurrentHashMap<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool = Executors.newFixedThreadPool(users);
            for (WebClient client : clients) {
                pool.execute(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        String error;
                        try {
                            WebClient.Page page = client.get("/connections");
                            error = page.status() == 200 && page.body().contains("card-evotor") ? null
                                    : "status " + page.status();
                        } catch (RuntimeException e) {
                            error = e.getClass().getSimpleName();
                        }
                        latencies.add(System.nanoTime() - t0);
                        if (error != null) {
                            errors.incrementAndGet();
                            errorKinds.computeIfAbsent(error, k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
            long probesDuringLoad = evotor.total();

            MatchResult tick = null;
            while (tick == null) {
                for (MatchResult t : SweepBenchmark.ticks(server.log())) {
                    if (!ticksBefore.contains(t.group()) && Integer.parseInt(t.group(1)) > 0) {
                        tick = t;
                    }
                }
                Thread.sleep(500);
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.println();
            System.out.println("=== RESULTS ===");
            System.out.printf(Locale.ROOT, "users                      %d signed in, each asking for /connections in a loop%n",
                    clients.size());
            System.out.printf(Locale.ROOT, "requests                   %d in %d s = %.1f req/s%n", sorted.size(), seconds,
                    sorted.size() / (double) seconds);
            System.out.printf(Locale.ROOT, "errors                     %d %s%n", errors.get(), errorKinds);
            System.out.printf(Locale.ROOT, "latency p50 / p90 / p99    %.1f / %.1f / %.1f ms (max %.1f ms)%n",
                    percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                    sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
            double t = Long.parseLong(tick.group(7)) / 1000.0;
            double ideal = n * latencyMs / 1000.0 / concurrency;
            System.out.printf(Locale.ROOT, "sweep under load           T %.1f s (ideal %.1f s, efficiency %.2f), %d of %d"
                    + " probes during the %d s of load; tick: due=%s checked=%s%n", t, ideal, ideal / t,
                    probesDuringLoad, n, seconds, tick.group(1), tick.group(2));
            System.out.println("load after: " + SweepBenchmark.uptime());
            return errors.get() == 0 ? 0 : 1;
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    private List<WebClient> signIn(LibertyServer server) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<WebClient>> futures = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            String email = "load-" + i + "@example.test";
            futures.add(pool.submit(() -> {
                WebClient client = new WebClient(server);
                WebClient.Page page = Accounts.signIn(client, email, Accounts.PASSWORD);
                if (!WebClient.isRedirect(page)) {
                    throw new IllegalStateException("sign-in failed for " + email + ": " + page.errors());
                }
                return client;
            }));
        }
        List<WebClient> clients = new ArrayList<>();
        for (Future<WebClient> f : futures) {
            clients.add(f.get());
        }
        pool.shutdown();
        return clients;
    }

    private static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
