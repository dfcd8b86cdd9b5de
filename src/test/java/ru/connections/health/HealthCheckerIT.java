package ru.connections.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static ru.connections.it.support.SeededConnections.instant;
import static ru.connections.it.support.SeededConnections.utc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.connections.it.support.Accounts;
import ru.connections.it.support.Await;
import ru.connections.it.support.EvotorSandbox;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.SeededConnections;
import ru.connections.it.support.TestDatabase;
import ru.connections.it.support.WebClient;

/**
 * The health checker on a real server and PostgreSQL against the simulated Evotor, with a one-hour
 * interval (so only what a test makes due is checked), a 2 s retry and a 2 s read timeout.
 */
class HealthCheckerIT {

    private static TestDatabase db;
    private static LibertyServer server;
    private static EvotorSandbox sandbox;

    @BeforeAll
    static void start() {
        assumeTrue(TestDatabase.isPostgres(), "the checks are staged in PostgreSQL");
        db = TestDatabase.fresh("health");
        server = LibertyServer.create("it-health", db.serverSettings())
                .set("EVOTOR_SANDBOX_ENABLED", "true")
                .set("HEALTH_CHECK_INTERVAL_SECONDS", "3600")
                .set("HEALTH_CHECK_RETRY_SECONDS", "2")
                .set("HEALTH_CHECK_FAILURE_THRESHOLD", "2")
                .set("EVOTOR_READ_TIMEOUT_MS", "2000")
                .startReady();
        sandbox = new EvotorSandbox(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @AfterEach
    void resetSandbox() {
        sandbox.reset();
    }

    private static long seed(String token) throws SQLException {
        return SeededConnections.seed(db, token);
    }

    /** A connection's row as the health checker left it. */
    record Row(boolean online, String reason, int failures, Instant lastChecked, Instant nextCheck, String token,
               long userId) {
    }

    private static Row row(long id) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT is_online, failure_reason,"
                + " failures_in_row, last_checked_at, next_check_at, access_token, user_id FROM evotor_connections WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Row(rs.getBoolean(1), rs.getString(2), rs.getInt(3), instant(rs.getTimestamp(4)),
                        instant(rs.getTimestamp(5)), rs.getString(6), rs.getLong(7));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }


    private static long historyCount(long id, String outcome) {
        return db.queryLong("SELECT count(*) FROM connection_checks WHERE connection_id = ? AND outcome = ?", id, outcome);
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }

    @Test
    void everyOutcomeEndsInTheRightStatusReasonAndNextCheck() throws Exception {
        sandbox.rateLimit(1000, 40);
        Map<String, String> modes = new LinkedHashMap<>();
        for (String mode : new String[] {"up", "revoked", "not_installed", "forbidden", "server_error", "malformed",
                "slow", "rate_limited"}) {
            modes.put(mode, sandbox.mintToken());
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : modes.entrySet()) {
            if (e.getKey().equals("slow")) {
                sandbox.tokenMode(e.getValue(), "slow", 5000);
            } else if (!e.getKey().equals("up")) {
                sandbox.tokenMode(e.getValue(), e.getKey());
            }
            ids.put(e.getKey(), seed(e.getValue()));
        }
        Await.until("every connection checked once", Duration.ofSeconds(45),
                () -> ids.values().stream().allMatch(id -> row(id).lastChecked() != null));

        Row up = row(ids.get("up"));
        assertTrue(up.online());
        assertNull(up.reason());
        long nextUp = seconds(up.lastChecked(), up.nextCheck());
        assertTrue(nextUp >= 3240 && nextUp <= 3960, "one interval ±10%: " + nextUp);

        for (String[] expected : new String[][] {{"revoked", "token_revoked"}, {"not_installed", "not_installed"},
                {"forbidden", "forbidden"}}) {
            Row r = row(ids.get(expected[0]));
            assertFalse(r.online(), expected[0] + " is offline at once");
            assertEquals(expected[1], r.reason());
            assertTrue(seconds(r.lastChecked(), r.nextCheck()) >= 3240, expected[0] + ": no quick retries");
        }

        Row limited = row(ids.get("rate_limited"));
        assertTrue(limited.online(), "429 leaves the status as it was");
        assertNull(limited.reason());
        long wait = seconds(limited.lastChecked(), limited.nextCheck());
        assertTrue(wait >= 25 && wait <= 41, "next attempt after X-RateLimit-Reset (about 40 s): " + wait);

        for (String transientMode : new String[] {"server_error", "malformed", "slow"}) {
            Row first = row(ids.get(transientMode));
            assertTrue(first.online(), transientMode + ": one failure is not enough to go offline");
            assertEquals(1, first.failures());
            long retry = seconds(first.lastChecked(), first.nextCheck());
            assertTrue(retry >= 1 && retry <= 3, transientMode + ": retried after health.check.retry.seconds: " + retry);
        }
        Await.until("the second failure of each transient connection", Duration.ofSeconds(45),
                () -> Stream.of("server_error", "malformed", "slow").allMatch(m -> row(ids.get(m)).failures() >= 2));
        assertEquals("server_error", row(ids.get("server_error")).reason());
        assertEquals("malformed", row(ids.get("malformed")).reason());
        assertEquals("timeout", row(ids.get("slow")).reason());
        for (String m : new String[] {"server_error", "malformed", "slow"}) {
            assertFalse(row(ids.get(m)).online(), m + ": offline after two failures in a row");
        }

        // One success makes it online again.
        sandbox.tokenMode(modes.get("server_error"), "up");
        long recovering = ids.get("server_error");
        Await.until("recovery", Duration.ofSeconds(45), () -> row(recovering).online());
        assertEquals(0, row(recovering).failures());
        assertNull(row(recovering).reason());

        assertEquals(1, historyCount(ids.get("revoked"), "token_revoked"), "every check is kept");
        assertTrue(historyCount(recovering, "server_error") >= 2 && historyCount(recovering, "online") >= 1);
        assertTrue(server.log().matches("(?s).*Health tick: due=\\d+ checked=\\d+ online=\\d+ offline=\\d+"
                + " needs-reconnect=\\d+ rate-limited=\\d+ duration=\\d+ms.*"), "one INFO line per tick");
        assertFalse(server.log().contains(modes.get("up")), "tokens never reach the log");
    }

    @Test
    void aConnectionRemovedOrReconnectedDuringItsProbeIsLeftAlone() throws Exception {
        String removedToken = sandbox.mintToken();
        String replacedToken = sandbox.mintToken();
        sandbox.tokenMode(removedToken, "slow", 1500);
        sandbox.tokenMode(replacedToken, "slow", 1500);
        long removed = seed(removedToken);
        long replaced = seed(replacedToken);
        Await.until("both probes in flight", Duration.ofSeconds(30),
                () -> sandbox.requests(removedToken) > 0 && sandbox.requests(replacedToken) > 0);

        db.update("DELETE FROM evotor_connections WHERE id = ?", removed);
        String newToken = sandbox.mintToken();
        long userId = row(replaced).userId();
        db.update("UPDATE evotor_connections SET access_token = ?, is_online = FALSE, next_check_at = ? WHERE id = ?",
                SeededConnections.seal(newToken, userId), utc(Instant.now().plusSeconds(3600)), replaced);

        Thread.sleep(2500); // the probes answer after 1.5 s; their results are written right after
        assertNull(row(removed), "the removed connection is not resurrected");
        assertEquals(0, db.queryLong("SELECT count(*) FROM connection_checks WHERE connection_id = ?", removed));
        Row after = row(replaced);
        assertFalse(after.online(), "the reconnected connection is not overwritten by the old probe");
        assertNull(after.lastChecked());
        assertEquals(newToken, SeededConnections.unseal(after.token(), userId));
    }

    @Test
    void aChangedIntervalInServerXmlTakesEffectWithoutRebuilding() throws Exception {
        Path override = server.directory().resolve("configDropins/overrides/interval.xml");
        Files.createDirectories(override.getParent());
        Files.writeString(override, "<server><variable name=\"health.check.interval.seconds\" value=\"100\"/></server>");
        try {
            Thread.sleep(3000); // Liberty notices configuration changes within a couple of seconds
            long id = seed(sandbox.mintToken());
            Await.until("checked", Duration.ofSeconds(45), () -> row(id).lastChecked() != null);
            long next = seconds(row(id).lastChecked(), row(id).nextCheck());
            assertTrue(next >= 89 && next <= 111, "the new interval (100 s ±10%) is used: " + next);
        } finally {
            Files.delete(override);
        }
    }

    @Test
    void theCardShowsUptimeAndTheStripFromTheHistory() throws Exception {
        WebClient user = new WebClient(server);
        String email = Accounts.signedIn(user, "uptime");
        long userId = db.queryLong("SELECT id FROM users WHERE email = ?", email);
        long id;
        try (Connection c = db.connect()) {
            id = SeededConnections.insert(c, userId, sandbox.mintToken());
        }
        db.update("UPDATE evotor_connections SET next_check_at = ? WHERE id = ?", utc(Instant.now().plusSeconds(3600)), id);
        Instant now = Instant.now();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO connection_checks (connection_id, checked_at, outcome, latency_ms) VALUES (?, ?, ?, 100)")) {
            // Every 10 minutes for the last 23 h 50 min; down from 6 to 3 hours ago: 18 of 143 checks.
            for (int minutes = 10; minutes < 24 * 60; minutes += 10) {
                s.setLong(1, id);
                s.setTimestamp(2, utc(now.minus(Duration.ofMinutes(minutes))));
                s.setString(3, minutes > 180 && minutes <= 360 ? "server_error" : "online");
                s.addBatch();
            }
            // Three days ago, 144 checks down.
            for (int i = 0; i < 144; i++) {
                s.setLong(1, id);
                s.setTimestamp(2, utc(now.minus(Duration.ofDays(3)).minus(Duration.ofMinutes(i * 10L))));
                s.setString(3, "timeout");
                s.addBatch();
            }
            s.executeBatch();
        }
        WebClient.Page page = user.get("/connections");
        assertEquals("87,4 %", page.text("uptime-day-evotor").replace('\u00a0', ' '), "125 of 143 checks up");
        assertEquals("43,6 %", page.text("uptime-week-evotor").replace('\u00a0', ' '), "125 of 287 checks up");
        var segments = page.document().select("#strip-evotor .segment");
        assertEquals(24, segments.size());
        assertTrue(segments.get(23).hasClass("segment-UP"));
        assertTrue(segments.get(19).hasClass("segment-DOWN"));
    }

    @Test
    void metricsCountChecksAndLivenessIsUp() throws Exception {
        long id = seed(sandbox.mintToken());
        Await.until("checked", Duration.ofSeconds(45), () -> row(id).lastChecked() != null);
        WebClient.Page metrics = new WebClient(server).get("/metrics?scope=application");
        assertTrue(metrics.body().matches("(?s).*health_checks_total\\{[^}]*outcome=\"online\".*"), metrics.body());
        assertTrue(metrics.body().contains("health_tick_duration"), "tick duration");
        assertTrue(metrics.body().contains("health_probe_latency"), "probe latency");
        assertTrue(metrics.body().matches("(?s).*health_connections\\{[^}]*status=\"online\".*"), "connections by status");
        assertTrue(metrics.body().contains("health_last_tick_epoch_seconds"), "time of the last tick");
        assertEquals(200, server.healthStatus("/health/live"));
    }

    @Test
    void aFiringThatComesDueDuringALongSweepSkips() throws Exception {
        // One probe thread and connections answering after 1.5 s: a sweep of twelve lasts about 18 s, longer than
        // the 15 s between ticks.
        Path override = server.directory().resolve("configDropins/overrides/concurrency.xml");
        Files.createDirectories(override.getParent());
        Files.writeString(override, "<server><variable name=\"health.check.concurrency\" value=\"1\"/></server>");
        try {
            Thread.sleep(3000); // Liberty notices configuration changes within a couple of seconds
            Map<String, Long> ids = new LinkedHashMap<>();
            for (int i = 0; i < 12; i++) {
                String token = sandbox.mintToken();
                sandbox.tokenMode(token, "slow", 1500);
                ids.put(token, seed(token));
            }
            int skipsBefore = skips();
            Await.until("the firing that came due during the long sweep skipped", Duration.ofSeconds(60),
                    () -> skips() > skipsBefore);
            // Liberty holds a firing back until the running one ends; that firing then skips rather than sweep again.
            for (Map.Entry<String, Long> e : ids.entrySet()) {
                assertEquals(1, sandbox.requests(e.getKey()), "each connection probed once");
                assertTrue(row(e.getValue()).online());
            }
        } finally {
            Files.delete(override);
        }
    }

    private static int skips() {
        return server.log().split("Health tick skipped: the previous tick was still running", -1).length - 1;
    }
}
