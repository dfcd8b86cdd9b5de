package ru.connections.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import ru.connections.it.support.Accounts;
import ru.connections.it.support.Await;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.RecordingEvotor;
import ru.connections.it.support.SeededConnections;
import ru.connections.it.support.TcpProxy;
import ru.connections.it.support.TestDatabase;
import ru.connections.it.support.WebClient;

/**
 * What a sweep survives: PostgreSQL going away for 30 s in the middle of it, and a kill -9 of the server.
 * The server reaches PostgreSQL through a relay the test can cut; Evotor answers each probe after 400 ms
 * and four probe threads make a sweep of 120 connections last about 12 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryIT {

    private static final int CONNECTIONS = 120;
    private static TestDatabase db;
    private static TcpProxy database;
    private static RecordingEvotor evotor;
    private static LibertyServer server;

    @BeforeAll
    static void start() {
        assumeTrue(TestDatabase.isPostgres(), "PostgreSQL is the database that goes away");
        db = TestDatabase.fresh("recovery");
        database = new TcpProxy(TestDatabase.PG_HOST, Integer.parseInt(TestDatabase.PG_PORT));
        evotor = new RecordingEvotor();
        server = LibertyServer.create("it-recovery", db.serverSettings())
                .set("DB_PORT", String.valueOf(database.port()))
                .set("EVOTOR_SANDBOX_ENABLED", "false")
                .set("EVOTOR_API_URL", evotor.apiUrl("recovery"))
                .set("HEALTH_CHECK_INTERVAL_SECONDS", "3600")
                .set("HEALTH_CHECK_CONCURRENCY", "4")
                .startReady();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (database != null) {
            database.close();
        }
        if (evotor != null) {
            evotor.close();
        }
    }

    private static Map<String, Long> seedSlowConnections(String prefix) throws SQLException {
        return seedSlowConnections(prefix, CONNECTIONS);
    }

    private static Map<String, Long> seedSlowConnections(String prefix, int count) throws SQLException {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String token = prefix + "-" + i + "-" + UUID.randomUUID();
            evotor.delay(token, 400);
            ids.put(token, SeededConnections.seed(db, token));
        }
        return ids;
    }

    @Test
    @Order(1)
    void aDatabaseOutageInTheMiddleOfASweepShowsAnErrorPageAndLosesNothing() throws Exception {
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "outage");
        Map<String, Long> ids = seedSlowConnections("db");
        Await.until("the sweep under way", Duration.ofSeconds(40), () -> probed(ids) >= 20);

        database.cut();
        Instant cut = Instant.now();
        try {
            WebClient.Page page = user.get("/connections");
            assertTrue(page.status() >= 500, "an error, not a half-drawn page: " + page.status());
            assertTrue(page.body().contains("error-text"), "our error page:\n" + page.body());
            assertFalse(page.body().matches("(?s).*(\\tat [a-z]|Exception: |\\.java:\\d).*"),
                    "no stack trace:\n" + page.body());
            Await.until("readiness DOWN", Duration.ofSeconds(20), () -> server.healthStatus("/health/ready") == 503);
            assertEquals(200, server.healthStatus("/health/live"), "the server itself is alive");
            Await.pause(Duration.ofSeconds(30).minus(Duration.between(cut, Instant.now())));
        } finally {
            database.restore();
        }

        Await.until("readiness UP again", Duration.ofSeconds(60), () -> server.healthStatus("/health/ready") == 200);
        assertEquals(200, user.get("/connections").status(), "the user's page is back");
        Instant back = Instant.now();
        // The firing that failed with the database holds the timer's claim until health.timer.missed.threshold
        // (2 min) runs out; then the timer goes on.
        Await.until("a tick completes after the database is back", Duration.ofMinutes(4), () -> db.queryLong(
                "SELECT count(*) FROM health_ticks WHERE finished_at > ?", SeededConnections.utc(back)) > 0);
        System.out.printf("database outage: the first tick after the database came back ended %d s later%n",
                Duration.between(back, Instant.now()).toSeconds());
        Await.until("every connection checked", Duration.ofSeconds(90), () -> checkedCount(ids) == CONNECTIONS);
        assertConsistent(ids);
    }

    @Test
    @Order(2)
    void afterAKillInTheMiddleOfASweepTheChecksResumeAndTheMissedTickRunsOnce() throws Exception {
        Map<String, Long> ids = seedSlowConnections("kill");
        Await.until("the sweep under way", Duration.ofSeconds(40), () -> probed(ids) >= 20);
        server.kill();
        int checkedAtKill = checkedCount(ids);
        assertTrue(checkedAtKill < CONNECTIONS, "killed mid-sweep");
        Instant killed = Instant.now();
        Await.pause(Duration.ofSeconds(20)); // firings are missed while the server is down

        server.startReady();
        Await.until("every connection checked after the restart", Duration.ofMinutes(5),
                () -> checkedCount(ids) == CONNECTIONS);
        assertConsistent(ids);
        List<Instant> ticks = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT finished_at FROM health_ticks WHERE finished_at > ? ORDER BY finished_at")) {
            s.setTimestamp(1, SeededConnections.utc(killed));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ticks.add(SeededConnections.instant(rs.getTimestamp(1)));
                }
            }
        }
        for (int i = 1; i < ticks.size(); i++) {
            assertTrue(Duration.between(ticks.get(i - 1), ticks.get(i)).toSeconds() >= 5,
                    "the missed firings run once, not in a burst: " + ticks);
        }
    }

    @Test
    @Order(3) // it leaves the server stopped
    void aStopInTheMiddleOfASweepEndsItAndWritesNothingHalfway() throws Exception {
        // 400 connections: a sweep of 40 s, longer than the 30 s Liberty lets running work finish on a stop.
        Map<String, Long> ids = seedSlowConnections("stop", 400);
        Await.until("the sweep under way", Duration.ofSeconds(40), () -> probed(ids) >= 20);
        long stopping = System.nanoTime();
        server.stop();
        Duration stop = Duration.ofNanos(System.nanoTime() - stopping);
        System.out.printf("graceful stop in the middle of a sweep took %.1f s%n", stop.toMillis() / 1000.0);
        // Liberty's quiesce (30 s) lets the sweep go on; then the application stops and the probes in flight end.
        assertTrue(stop.compareTo(Duration.ofSeconds(40)) < 0, "the stop ends the sweep: " + stop);

        int checked = checkedCount(ids);
        assertTrue(checked < ids.size(), "the stop cut the sweep short: " + checked);
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT c.is_online,"
                + " c.failures_in_row, c.last_checked_at, (SELECT count(*) FROM connection_checks h"
                + " WHERE h.connection_id = c.id) FROM evotor_connections c WHERE c.id BETWEEN ? AND ?")) {
            s.setLong(1, first(ids));
            s.setLong(2, last(ids));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    boolean wasChecked = rs.getTimestamp(3) != null;
                    assertEquals(wasChecked ? 1 : 0, rs.getLong(4), "a check is its status and its history row, or neither");
                    assertTrue(rs.getBoolean(1) && rs.getInt(2) == 0, "no probe cut short by the stop counts as a failure");
                }
            }
        }
    }

    /** Probes the simulated Evotor has seen for these connections. */
    private static long probed(Map<String, Long> ids) {
        return evotor.probes().stream().filter(p -> ids.containsKey(p.token())).count();
    }

    private static int checkedCount(Map<String, Long> ids) {
        // Seeded one after another, a test's connections have consecutive ids.
        return (int) db.queryLong("SELECT count(*) FROM evotor_connections WHERE last_checked_at IS NOT NULL"
                + " AND id BETWEEN ? AND ?", first(ids), last(ids));
    }

    private static long first(Map<String, Long> ids) {
        return ids.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    private static long last(Map<String, Long> ids) {
        return ids.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** Every connection is still there, and every check written in full: its status and its history row. */
    private static void assertConsistent(Map<String, Long> ids) throws SQLException {
        Map<Long, Instant> lastChecked = new HashMap<>();
        Map<Long, Long> history = new HashMap<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT c.id, c.last_checked_at, (SELECT count(*) FROM connection_checks h WHERE h.connection_id = c.id"
                        + " AND h.checked_at = c.last_checked_at) FROM evotor_connections c WHERE c.id BETWEEN ? AND ?")) {
            s.setLong(1, first(ids));
            s.setLong(2, last(ids));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lastChecked.put(rs.getLong(1), SeededConnections.instant(rs.getTimestamp(2)));
                    history.put(rs.getLong(1), rs.getLong(3));
                }
            }
        }
        assertEquals(ids.size(), lastChecked.size(), "no connection lost");
        for (long id : ids.values()) {
            assertTrue(lastChecked.get(id) != null, "checked: " + id);
            assertEquals(1, history.get(id), "the check that set the status has its history row: " + id);
        }
    }
}
