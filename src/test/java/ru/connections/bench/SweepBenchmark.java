package ru.connections.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.TestDatabase;
import ru.connections.platform.TokenCipher;

/**
 * The health sweep's benchmark: N connections due at once against a simulated Evotor that answers in L ms,
 * probed by the real server with C threads. Prints sweep time against the ideal N x L / C, the most requests
 * in flight, database round trips per checked connection and the server's heap; then the one-at-a-time
 * baseline (C = 1) on a few hundred connections, extrapolated to N.
 *
 * <p>Run with {@code mvn -B -Pbenchmark verify} (options: -Dbench.n, -Dbench.concurrency, -Dbench.latency.ms,
 * -Dbench.baseline.n). Not a test: it measures, and fails only when the sweep did not complete correctly.
 */
public final class SweepBenchmark {

    private static final Pattern TICK = Pattern.compile("(?m)^.*Health tick: due=(\\d+) checked=(\\d+) online=(\\d+)"
            + " offline=(\\d+) needs-reconnect=(\\d+) rate-limited=(\\d+) duration=(\\d+)ms");
    private static final String SERVER = "bench";
    private static final Path WLP = Path.of(System.getProperty("wlp.dir", "target/liberty/wlp")).toAbsolutePath();

    private final int n = Integer.getInteger("bench.n", 10_000);
    private final int concurrency = Integer.getInteger("bench.concurrency", 32);
    private final long latencyMs = Long.getLong("bench.latency.ms", 100);
    private final int baselineN = Integer.getInteger("bench.baseline.n", 300);
    private final boolean baseline = Boolean.parseBoolean(System.getProperty("bench.baseline", "true"));
    /** 2: a second server beside the first, same WAR and database; the persistent tick runs on one of them. */
    private final int servers = Integer.getInteger("bench.servers", 1);

    private EvotorSimulator evotor;
    private PgWireCounter wire;
    private TestDatabase db;
    private LibertyServer server;
    private LibertyServer second;

    record Run(int n, int c, int due, int checked, int online, long durationMs, long maxInFlight, long requests,
               long distinctTokens, long repeatedTokens, long rejected, long sweepRoundTrips, long sweepStatements,
               long allRoundTrips, Map<String, long[]> sql, long peakUsedKb, long peakOldKb, long committedKb,
               long liveKb, long youngGcs, long heapSamples, double[] occupancy, long activeMs, int tcpConnections) {
    }

    public static void main(String[] args) throws Exception {
        int status = new SweepBenchmark().run();
        System.exit(status);
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "%n=== Health sweep benchmark: N=%d C=%d L=%d ms ===%n", n, concurrency, latencyMs);
        System.out.println("load before: " + uptime());
        try {
            evotor = EvotorSimulator.start(latencyMs, 512);
            wire = PgWireCounter.start(TestDatabase.PG_HOST, Integer.parseInt(TestDatabase.PG_PORT));
            db = TestDatabase.fresh("bench");
            Map<String, String> settings = new LinkedHashMap<>(db.serverSettings());
            // The server reaches PostgreSQL through the counting proxy.
            settings.put("DB_HOST", "127.0.0.1");
            settings.put("DB_PORT", String.valueOf(wire.port()));
            settings.putAll(sweepSettings(evotor, concurrency));
            server = LibertyServer.create(SERVER, settings);
            step("starting the server once so that Flyway creates the schema");
            server.startReady();
            server.stop();

            step("seeding " + n + " users and connections");
            seed("it_bench", n);

            server.set("HEALTH_CHECK_ENABLED", "true");
            if (servers > 1) {
                Map<String, String> beside = new LinkedHashMap<>(settings);
                beside.put("HEALTH_CHECK_ENABLED", "true");
                second = LibertyServer.create(SERVER + "-b", beside);
                step("a second server beside the first");
                second.startReady();
            }
            Run main = sweep(n, concurrency);
            Run seq = null;
            if (baseline) {
                server.stop();
                int reseeded = db.update("UPDATE evotor_connections SET next_check_at = NULL WHERE id <= ?",
                        (long) baselineN);
                server.set("HEALTH_CHECK_CONCURRENCY", "1");
                step("baseline: " + reseeded + " connections due again, concurrency 1");
                seq = sweep(reseeded, 1);
            }
            boolean ok = report(main, seq);
            System.out.println("load after: " + uptime());
            System.out.printf(Locale.ROOT, "benchmark wall time: %d s%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            return ok ? 0 : 1;
        } finally {
            if (second != null) {
                second.stop();
            }
            if (server != null) {
                try {
                    server.stop();
                } catch (RuntimeException e) {
                    System.err.println("stopping the server: " + e.getMessage());
                }
            }
            if (evotor != null) {
                evotor.close();
            }
            if (wire != null) {
                wire.close();
            }
        }
    }

    /**
     * A benchmark server's settings besides its database: the simulated Evotor, each connection checked once a
     * day at most (one sweep per run), C probes at once, and the health checker off until the run switches it on
     * (the first start only migrates the schema).
     */
    static Map<String, String> sweepSettings(EvotorSimulator evotor, int concurrency) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("HTTP_HOST", "127.0.0.1");
        settings.put("EVOTOR_SANDBOX_ENABLED", "false");
        settings.put("EVOTOR_API_URL", evotor.baseUrl());
        settings.put("HEALTH_CHECK_INTERVAL_SECONDS", "86400");
        settings.put("HEALTH_CHECK_CONCURRENCY", String.valueOf(concurrency));
        settings.put("HEALTH_CHECK_ENABLED", "false");
        return settings;
    }

    /** N users and N connections, all due (next_check_at NULL), tokens encrypted as the app stores them. */
    static void seed(String database, int count) throws SQLException {
        TokenCipher cipher = new TokenCipher(Base64.getDecoder().decode(TestDatabase.TEST_TOKEN_KEY));
        long t0 = System.nanoTime();
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        String url = "jdbc:postgresql://" + TestDatabase.PG_HOST + ":" + TestDatabase.PG_PORT + "/" + database
                + "?reWriteBatchedInserts=true";
        try (Connection c = DriverManager.getConnection(url, TestDatabase.PG_USER, "")) {
            c.setAutoCommit(false);
            try (PreparedStatement users = c.prepareStatement(
                    "INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)");
                 PreparedStatement connections = c.prepareStatement("INSERT INTO evotor_connections"
                         + " (id, user_id, access_token, store_count, created_at, updated_at, next_check_at)"
                         + " VALUES (?, ?, ?, 1, ?, ?, NULL)")) {
                for (int i = 1; i <= count; i++) {
                    users.setLong(1, i);
                    users.setString(2, "bench" + i + "@example.test");
                    users.setString(3, "not-a-real-hash");
                    users.setTimestamp(4, now);
                    users.addBatch();
                    connections.setLong(1, i);
                    connections.setLong(2, i);
                    connections.setString(3, cipher.encrypt(token(i), "evotor:" + i + ":access"));
                    connections.setTimestamp(4, now);
                    connections.setTimestamp(5, now);
                    connections.addBatch();
                    if (i % 1000 == 0 || i == count) {
                        users.executeBatch();
                        connections.executeBatch();
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SELECT setval(pg_get_serial_sequence('users', 'id'), " + count + ")");
                s.execute("SELECT setval(pg_get_serial_sequence('evotor_connections', 'id'), " + count + ")");
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("ANALYZE users");
                s.execute("ANALYZE evotor_connections");
            }
        }
        System.out.printf(Locale.ROOT, "  seeded in %d ms%n", Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    static String token(int i) {
        return "bench-token-" + i;
    }

    /** Starts the server, waits for the first tick that found connections due, and measures it. */
    private Run sweep(int expected, int c) throws Exception {
        evotor.reset();
        evotor.expectFull(c);
        wire.reset();
        // Liberty rolls messages.log at start: a tick is new if its whole line (with its timestamp) was not there.
        java.util.Set<String> before = new java.util.HashSet<>();
        ticks(logs()).forEach(t -> before.add(t.group()));
        step("sweep of " + expected + " connections with concurrency " + c);
        server.start();
        long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + SERVER + ".pid")).trim());
        try (HeapSampler heap = HeapSampler.start(pid)) {
            double ideal = expected * latencyMs / 1000.0 / c;
            long timeoutMs = (long) (Math.max(120, 4 * ideal + 180) * 1000);
            long deadline = System.currentTimeMillis() + timeoutMs;
            long nextProgress = System.currentTimeMillis() + 15_000;
            MatchResult tick = null;
            CpuMeter cpu = new CpuMeter(pid);
            CpuMeter.Snapshot cpuStart = null;
            String jfr = System.getProperty("bench.jfr", "");
            while (tick == null) {
                if (cpuStart == null && evotor.total() > 0) {
                    cpuStart = cpu.snapshot();
                    if (!jfr.isEmpty()) {
                        jcmd(pid, "JFR.start", "name=sweep", "settings=profile", "filename=" + jfr);
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("no tick with due>0 within " + timeoutMs / 1000 + " s; simulator saw "
                            + evotor.total() + " requests");
                }
                Thread.sleep(200);
                var all = ticks(logs());
                for (MatchResult t : all) {
                    if (!before.contains(t.group()) && Integer.parseInt(t.group(1)) > 0) {
                        tick = t;
                        break;
                    }
                }
                if (System.currentTimeMillis() > nextProgress) {
                    System.out.printf(Locale.ROOT, "  ... %d probes answered, %d in flight (max %d)%n", evotor.total(),
                            evotor.inFlight(), evotor.maxInFlight());
                    nextProgress += 15_000;
                }
            }
            if (second != null) {
                System.out.println("the sweep ran on server " + (server.log().contains(tick.group()) ? SERVER
                        : second.name()) + " (CPU and heap below are of server " + SERVER + ")");
            }
            if (cpuStart != null) {
                System.out.println("CPU during the sweep: " + CpuMeter.between(cpuStart, cpu.snapshot(),
                        Runtime.getRuntime().availableProcessors()));
                if (!jfr.isEmpty()) {
                    jcmd(pid, "JFR.stop", "name=sweep");
                    System.out.println("flight recording of the sweep: " + jfr);
                }
            }
            Map<String, long[]> sql = wire.snapshot();
            long sweepRt = 0;
            long sweepSt = 0;
            long allRt = 0;
            for (var e : sql.entrySet()) {
                allRt += e.getValue()[0];
                if (isSweepSql(e.getKey())) {
                    sweepRt += e.getValue()[0];
                    sweepSt += e.getValue()[1];
                }
            }
            long peakUsed = heap.peakUsedKb();
            long peakOld = heap.peakOldKb();
            long committed = heap.committedKb();
            long youngGcs = heap.youngGcsDuring();
            long samples = heap.samples();
            long live = heap.liveAfterFullGcKb(pid);
            return new Run(expected, c, Integer.parseInt(tick.group(1)), Integer.parseInt(tick.group(2)),
                    Integer.parseInt(tick.group(3)), Long.parseLong(tick.group(7)), evotor.maxInFlight(),
                    evotor.total(), evotor.distinctTokens(), evotor.repeatedTokens(), evotor.rejected(), sweepRt,
                    sweepSt, allRt, sql, peakUsed, peakOld, committed, live, youngGcs, samples, evotor.occupancy(),
                    evotor.activeMillis(), evotor.connections());
        }
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        args.addAll(java.util.List.of(command));
        new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    private static boolean isSweepSql(String label) {
        String s = label.toLowerCase(Locale.ROOT);
        return s.contains("evotor_connections") || s.contains("connection_checks") || s.contains("health_ticks");
    }

    /** The logs of every server of the run: the tick may run on either. */
    private String logs() {
        return second == null ? server.log() : server.log() + "\n" + second.log();
    }

    static java.util.List<MatchResult> ticks(String log) {
        java.util.List<MatchResult> found = new java.util.ArrayList<>();
        Matcher m = TICK.matcher(log);
        while (m.find()) {
            found.add(m.toMatchResult());
        }
        return found;
    }

    private boolean report(Run r, Run seq) {
        double t = r.durationMs() / 1000.0;
        double ideal = (double) r.n() * latencyMs / 1000.0 / r.c();
        boolean ok = r.due() == r.n() && r.checked() == r.n() && r.requests() == r.n()
                && r.distinctTokens() == r.n() && r.maxInFlight() <= r.c() && r.rejected() == 0;
        System.out.println();
        System.out.println("=== RESULTS ===");
        System.out.printf(Locale.ROOT, "N (connections due)            %d   (tick: due=%d checked=%d online=%d)%n",
                r.n(), r.due(), r.checked(), r.online());
        System.out.printf(Locale.ROOT, "C (health.check.concurrency)   %d%n", r.c());
        System.out.printf(Locale.ROOT, "L (simulated Evotor latency)   %d ms%n", latencyMs);
        System.out.printf(Locale.ROOT, "sweep time T                   %.2f s   (duration= of the tick line)%n", t);
        System.out.printf(Locale.ROOT, "ideal T* = N x L / C           %.2f s%n", ideal);
        System.out.printf(Locale.ROOT, "efficiency T*/T                %.3f%n", ideal / t);
        System.out.printf(Locale.ROOT, "max in flight (simulator)      %d   (%s C=%d)%n", r.maxInFlight(),
                r.maxInFlight() <= r.c() ? "<=" : "EXCEEDS", r.c());
        System.out.printf(Locale.ROOT, "in flight over the probing     avg %.1f; time at C %.1f%%, at 1..C-1 %.1f%%, at 0 %.1f%%"
                + "   (first request to last answer %.2f s; 5 ms samples)%n",
                (double) r.requests() * latencyMs / Math.max(1, r.activeMs()), 100 * r.occupancy()[2],
                100 * r.occupancy()[1], 100 * r.occupancy()[0], r.activeMs() / 1000.0);
        System.out.printf(Locale.ROOT, "requests total                 %d   (distinct tokens %d, repeated %d,"
                + " rejected 401/406 %d;"
                + " over %d TCP connections)%n", r.requests(), r.distinctTokens(), r.repeatedTokens(), r.rejected(),
                r.tcpConnections());
        System.out.printf(Locale.ROOT, "DB round trips / checked conn  %.4f   (sweep SQL: %d round trips, %d statements;"
                + " all SQL from server start to tick line: %d round trips)%n",
                (double) r.sweepRoundTrips() / Math.max(1, r.checked()), r.sweepRoundTrips(), r.sweepStatements(),
                r.allRoundTrips());
        System.out.printf(Locale.ROOT, "peak heap used (jstat, 200 ms) %.1f MB   (old gen peak %.1f MB, committed %.1f MB,"
                + " live after full GC %.1f MB, %d young GCs, %d samples, -Xmx512m)%n", mb(r.peakUsedKb()),
                mb(r.peakOldKb()), mb(r.committedKb()), mb(r.liveKb()), r.youngGcs(), r.heapSamples());
        System.out.println("round trips by SQL (from server start to the tick line; [round trips / statements]):");
        r.sql().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %6d / %6d  %s%s%n", v[0], v[1],
                isSweepSql(k) ? "" : "[not sweep] ", k));
        if (seq != null) {
            double ts = seq.durationMs() / 1000.0;
            double extrapolated = ts * r.n() / seq.n();
            boolean seqOk = seq.due() == seq.n() && seq.requests() == seq.n() && seq.maxInFlight() <= 1;
            ok &= seqOk;
            System.out.println();
            System.out.printf(Locale.ROOT, "baseline, one at a time (C=1): N=%d took %.2f s (%.1f ms per connection;"
                    + " max in flight %d, requests %d, %.4f DB round trips/conn)%n", seq.n(), ts,
                    seq.durationMs() / (double) seq.n(), seq.maxInFlight(), seq.requests(),
                    (double) seq.sweepRoundTrips() / Math.max(1, seq.checked()));
            System.out.printf(Locale.ROOT, "T_sequential(N=%d), EXTRAPOLATED linearly from N=%d: %.1f s%n", r.n(),
                    seq.n(), extrapolated);
            System.out.printf(Locale.ROOT, "speed-up T_sequential(N) / T    %.1f x%n", extrapolated / t);
        }
        System.out.println(ok ? "CHECKS PASSED (every connection probed once, in flight <= C)" : "CHECKS FAILED");
        return ok;
    }

    private static double mb(long kb) {
        return kb / 1024.0;
    }

    private static void step(String what) {
        System.out.printf(Locale.ROOT, "[%tT] %s%n", System.currentTimeMillis(), what);
    }

    static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim() + " (1/5/15-min load, "
                    + Runtime.getRuntime().availableProcessors() + " cpus)";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
