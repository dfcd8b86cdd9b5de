package ru.connections.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.connections.it.support.Accounts;
import ru.connections.it.support.Await;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.ScriptedEvotor;
import ru.connections.it.support.SeededConnections;
import ru.connections.it.support.TestDatabase;
import ru.connections.it.support.WebClient;

/**
 * Every way Evotor's answer can go wrong, one connection each, against a real server and PostgreSQL: the
 * connection ends in the right status and reason, the timer keeps ticking, pages keep being served, and the
 * server's threads and database connections come back to where they were. Last, Evotor's address refuses
 * every connection: an outage, which changes no connection's status.
 */
class FaultsIT {

    private static TestDatabase db;
    private static ScriptedEvotor evotor;
    private static LibertyServer server;

    @BeforeAll
    static void start() {
        assumeTrue(TestDatabase.isPostgres(), "the faults are staged in PostgreSQL");
        db = TestDatabase.fresh("faults");
        evotor = new ScriptedEvotor();
        server = LibertyServer.create("it-faults", db.serverSettings())
                .set("EVOTOR_SANDBOX_ENABLED", "false")
                .set("EVOTOR_API_URL", evotor.apiUrl())
                .set("HEALTH_CHECK_INTERVAL_SECONDS", "3600")
                .set("HEALTH_CHECK_RETRY_SECONDS", "2")
                .set("HEALTH_CHECK_FAILURE_THRESHOLD", "2")
                .set("EVOTOR_READ_TIMEOUT_MS", "2000")
                .startReady();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (evotor != null) {
            evotor.close();
        }
    }

    /** fault → expected reason after two failures (null: stays online), and whether it goes offline. */
    private static final Map<String, String> REASONS = new LinkedHashMap<>();

    static {
        REASONS.put("401", "token_revoked");
        REASONS.put("402", "not_installed");
        REASONS.put("403", "forbidden");
        REASONS.put("404", "malformed");
        REASONS.put("429", null);
        REASONS.put("500", "server_error");
        REASONS.put("502", "server_error");
        REASONS.put("503", "server_error");
        REASONS.put("silent", "timeout");
        REASONS.put("reset", "server_error");
        REASONS.put("malformed", "malformed");
        REASONS.put("html", "malformed");
        REASONS.put("huge", "malformed");
        REASONS.put("drip", "timeout");
    }

    @Test
    void everyFaultEndsInTheRightStatusWhileTheServerKeepsServing() throws Exception {
        // A healthy connection first, so that the probe threads exist before the baseline is taken.
        long healthy = SeededConnections.seed(db, "ok-" + UUID.randomUUID());
        Await.until("the healthy connection checked", Duration.ofSeconds(45), () -> checked(healthy));
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "faults");
        assertEquals(200, user.get("/connections").status());
        int threadsBefore = serverThreads();
        long dbConnectionsBefore = dbConnections();

        Map<String, Long> ids = new LinkedHashMap<>();
        for (String fault : REASONS.keySet()) {
            ids.put(fault, SeededConnections.seed(db, fault + "-" + UUID.randomUUID()));
        }
        long ticksBefore = db.queryLong("SELECT count(*) FROM health_ticks");

        // Pages are requested all along; every one must answer 200.
        AtomicBoolean faultsOver = new AtomicBoolean();
        List<String> badPages = new ArrayList<>();
        Thread browsing = new Thread(() -> {
            while (!faultsOver.get()) {
                for (String path : new String[] {"/connections", "/health/live", "/"}) {
                    int status = user.get(path).status();
                    if (status != 200) {
                        synchronized (badPages) {
                            badPages.add(path + " " + status);
                        }
                    }
                }
                Await.pause(Duration.ofMillis(300));
            }
        }, "browsing");
        browsing.start();
        try {
            Await.until("every faulty connection checked twice or settled", Duration.ofSeconds(120), () -> ids.entrySet()
                    .stream().allMatch(e -> settled(e.getKey(), e.getValue())));
        } finally {
            faultsOver.set(true);
            browsing.join();
        }
        assertEquals(List.of(), badPages, "pages kept being served during the faults");

        for (Map.Entry<String, Long> e : ids.entrySet()) {
            String expected = REASONS.get(e.getKey());
            Row row = row(e.getValue());
            if (expected == null) {
                assertTrue(row.online(), e.getKey() + ": status unchanged");
                assertNull(row.reason(), e.getKey());
                long wait = Duration.between(row.lastChecked(), row.nextCheck()).toSeconds();
                assertTrue(wait >= 30 && wait <= 41, "429: next attempt after X-RateLimit-Reset (40 s): " + wait);
            } else {
                assertFalse(row.online(), e.getKey() + ": offline");
                assertEquals(expected, row.reason(), e.getKey() + ": the reason");
            }
        }
        assertEquals(1, evotor.requests(tokenOf(ids.get("401"))), "401: no retries");

        Await.until("the timer keeps ticking", Duration.ofSeconds(40),
                () -> db.queryLong("SELECT count(*) FROM health_ticks") > ticksBefore + 2);

        // Refused: Evotor's address takes no connection at all. With one API address that refuses every probe,
        // which is an outage between this server and Evotor, not a fault of any one connection.
        Instant closed = Instant.now();
        evotor.close();
        long refused = SeededConnections.seed(db, "refused-" + UUID.randomUUID());
        Await.until("a tick that found Evotor refusing", Duration.ofSeconds(45), () -> db.queryLong(
                "SELECT count(*) FROM health_ticks WHERE outage AND finished_at > ?", SeededConnections.utc(closed)) > 0);
        Map<Long, String> statuses = statuses();
        Instant settled = Instant.now();
        Await.until("two more ticks against the refusing address", Duration.ofSeconds(45), () -> db.queryLong(
                "SELECT count(*) FROM health_ticks WHERE outage AND finished_at > ?", SeededConnections.utc(settled)) >= 2);
        assertEquals(statuses, statuses(), "refused probes change no status, reason or failure count");
        Row untouched = row(refused);
        assertTrue(untouched.online(), "refused: still online");
        assertNull(untouched.reason(), "refused: no reason");
        assertEquals(0, db.queryLong("SELECT count(*) FROM connection_checks WHERE connection_id = ?", refused),
                "refused probes are not checks of the connection");
        assertTrue(user.get("/connections").text("notice").startsWith("Эвотор недоступен"), "the outage banner");

        // Connections due only every hour now: the server settles back to idle.
        db.update("UPDATE evotor_connections SET next_check_at = ?", SeededConnections.utc(Instant.now().plusSeconds(3600)));
        Await.until("no server thread left inside the app and no database connection left in use",
                Duration.ofSeconds(120), () -> threadsInApp().isEmpty() && dbConnectionsInUse() == 0);
        int threadsAfter = serverThreads();
        long dbConnectionsAfter = dbConnections();
        System.out.printf("faults: server threads %d before, %d after; database connections %d before, %d after%n",
                threadsBefore, threadsAfter, dbConnectionsBefore, dbConnectionsAfter);
        // Liberty's pools may keep idle what the load grew them to; what matters is that nothing is still busy.
        assertFalse(server.log().contains("\tat ru.connections"), "no stack trace of ours in the log");
    }

    private static boolean settled(String fault, long id) {
        Row row = row(id);
        if (row == null || row.lastChecked() == null) {
            return false;
        }
        String expected = REASONS.get(fault);
        return expected == null || !row.online();
    }

    private static boolean checked(long id) {
        Row row = row(id);
        return row != null && row.lastChecked() != null;
    }

    private static String tokenOf(long id) {
        long userId = db.queryLong("SELECT user_id FROM evotor_connections WHERE id = ?", id);
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT access_token FROM evotor_connections WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return SeededConnections.unseal(rs.getString(1), userId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    record Row(boolean online, String reason, Instant lastChecked, Instant nextCheck) {
    }

    /** Every connection's status, reason and failures in a row. */
    private static Map<Long, String> statuses() {
        Map<Long, String> all = new LinkedHashMap<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT id, is_online, failure_reason,"
                + " failures_in_row FROM evotor_connections ORDER BY id"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                all.put(rs.getLong(1), rs.getBoolean(2) + " " + rs.getString(3) + " " + rs.getInt(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    private static Row row(long id) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT is_online, failure_reason,"
                + " last_checked_at, next_check_at FROM evotor_connections WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Row(rs.getBoolean(1), rs.getString(2),
                        SeededConnections.instant(rs.getTimestamp(3)), SeededConnections.instant(rs.getTimestamp(4)))
                        : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server JVM's live threads, from /proc. */
    private static int serverThreads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring(8).strip());
                }
            }
            throw new IllegalStateException("no thread count");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stacks of server threads still running code of ours (none once the server is idle). */
    private static List<String> threadsInApp() {
        try {
            Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(server.pid()), "Thread.print").redirectErrorStream(true).start();
            String text = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            dump.waitFor();
            List<String> busy = new ArrayList<>();
            for (String stack : text.split("\n\n")) {
                if (stack.contains("at ru.connections.")) {
                    busy.add(stack);
                }
            }
            return busy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Connections of the server's to its database that are busy or inside a transaction. */
    private static long dbConnectionsInUse() {
        return db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND state <> 'idle'");
    }

    /** Connections the server holds open to its database. */
    private static long dbConnections() {
        return db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()");
    }
}
