package ru.connections.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
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
import ru.connections.it.support.RecordingEvotor.Probe;
import ru.connections.it.support.SeededConnections;
import ru.connections.it.support.TestDatabase;
import ru.connections.it.support.WebClient;
import ru.connections.it.support.WebClient.Page;

/**
 * Two servers, same WAR, one PostgreSQL, one simulated Evotor outside both that records which server sent
 * each probe. The health interval is 15 s (one tick), so "once per interval" is checked over 20 of them.
 * The tests run in order: the kill -9 comes after the steady state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoServersIT {

    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Duration TICK = Duration.ofSeconds(15);
    /** health.timer.missed.threshold, as server.xml sets it by default. */
    private static final Duration MISSED_TASK_THRESHOLD = Duration.ofMinutes(2);
    /** How many kill -9 rounds to time (1 in CI; 5 for the figures in the README). */
    private static final int KILL_ROUNDS = Integer.getInteger("it.failover.rounds", 1);

    private static TestDatabase db;
    private static RecordingEvotor evotor;
    private static final Map<String, LibertyServer> servers = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        assumeTrue(TestDatabase.isPostgres(), "two servers share one PostgreSQL");
        db = TestDatabase.fresh("two_servers");
        evotor = new RecordingEvotor();
        for (String member : new String[] {"a", "b"}) {
            servers.put(member, LibertyServer.create("it-two-" + member, db.serverSettings())
                    .set("EVOTOR_SANDBOX_ENABLED", "false")
                    .set("EVOTOR_API_URL", evotor.apiUrl(member))
                    .set("HEALTH_CHECK_INTERVAL_SECONDS", String.valueOf(INTERVAL.toSeconds()))
                    .startReady());
        }
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(LibertyServer::stop);
        if (evotor != null) {
            evotor.close();
        }
    }

    private static LibertyServer server(String member) {
        return servers.get(member);
    }

    private static Page connectWithToken(WebClient user, String token) {
        Page page = user.get("/evotor");
        return user.follow(user.submit(page, "token", Map.of("accessToken", token), "submit"));
    }

    @Test
    @Order(1)
    void aConnectionMadeOnOneServerShowsOnTheOtherAndSessionsStayWithTheirServer() {
        WebClient onA = new WebClient(server("a"));
        String email = Accounts.signedIn(onA, "two");
        String token = "connect-" + UUID.randomUUID();
        Page connected = connectWithToken(onA, token);
        assertTrue(connected.infos().contains("Эвотор подключён"), connected.infos() + connected.errors());

        WebClient onB = new WebClient(server("b"));
        assertTrue(WebClient.isRedirect(Accounts.signIn(onB, email, Accounts.PASSWORD)));
        Page cards = onB.get("/connections");
        assertEquals("ONLINE", cards.document().getElementById("card-evotor").attr("data-status"),
                "the connection made through server a is on server b at once");
        assertTrue(cards.text("card-evotor").contains("Магазин"), cards.text("card-evotor"));

        // A load balancer without stickiness: the browser's next request, with server a's session cookie, goes to b.
        WebClient sameBrowserOnB = onA.on(server("b"));
        Page elsewhere = sameBrowserOnB.get("/connections");
        assertTrue(WebClient.isRedirect(elsewhere) && elsewhere.location().contains("/login"),
                "sessions live in one server: the other asks to sign in again (" + elsewhere.status() + ")");
        assertTrue(WebClient.isRedirect(Accounts.signIn(sameBrowserOnB, email, Accounts.PASSWORD)));
        assertEquals("ONLINE", sameBrowserOnB.get("/connections").document().getElementById("card-evotor")
                .attr("data-status"), "after signing in there, nothing the user connected is lost");
    }

    @Test
    @Order(2)
    void theTickRunsOncePerFiringAndEveryConnectionIsProbedOncePerInterval() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String token = "steady-" + i + "-" + UUID.randomUUID();
            SeededConnections.seed(db, token);
            tokens.add(token);
        }
        Instant from = Instant.now();
        Duration window = INTERVAL.multipliedBy(20);
        Thread.sleep(window.toMillis());
        Instant to = Instant.now();

        Map<String, List<Instant>> probes = probesOf(tokens, from, to);
        int duplicates = 0;
        int misses = 0;
        for (String token : tokens) {
            List<Instant> times = probes.getOrDefault(token, List.of());
            assertFalse(times.isEmpty(), "every connection is probed");
            // Due at once when seeded: probed by the next tick.
            if (Duration.between(from, times.get(0)).compareTo(TICK.plusSeconds(5)) > 0) {
                misses++;
            }
            for (int i = 1; i < times.size(); i++) {
                Duration gap = Duration.between(times.get(i - 1), times.get(i));
                if (gap.compareTo(earliestNext()) < 0) {
                    duplicates++;
                }
                if (gap.compareTo(latestNext()) > 0) {
                    misses++;
                }
            }
            if (Duration.between(times.get(times.size() - 1), to).compareTo(latestNext()) > 0) {
                misses++;
            }
        }
        Map<String, Long> perServer = evotor.probes().stream()
                .filter(p -> tokens.contains(p.token()) && !p.at().isBefore(from) && !p.at().isAfter(to))
                .collect(Collectors.groupingBy(Probe::member, TreeMap::new, Collectors.counting()));
        List<Instant> ticks = ticksBetween(from, to);
        System.out.printf("two servers over %d intervals of %d s: %d probes of %d connections, per server %s,"
                        + " %d ticks, duplicates %d, misses %d%n", window.dividedBy(INTERVAL), INTERVAL.toSeconds(),
                perServer.values().stream().mapToLong(Long::longValue).sum(), tokens.size(), perServer, ticks.size(),
                duplicates, misses);
        assertEquals(0, duplicates, "no connection is probed twice in one interval");
        assertEquals(0, misses, "no connection misses its interval");
        for (int i = 1; i < ticks.size(); i++) {
            assertTrue(Duration.between(ticks.get(i - 1), ticks.get(i)).compareTo(TICK.dividedBy(2)) > 0,
                    "one tick per firing across both servers: " + ticks);
        }
        long firings = window.dividedBy(TICK);
        assertTrue(ticks.size() >= firings - 2 && ticks.size() <= firings + 1,
                "a tick for every firing (" + firings + "): " + ticks.size());
    }

    @Test
    @Order(3)
    void killingTheServerThatRunsTheTimerHandsItToTheOther() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String token = "failover-" + i + "-" + UUID.randomUUID();
            SeededConnections.seed(db, token);
            tokens.add(token);
        }
        List<Duration> takeovers = new ArrayList<>();
        for (int round = 1; round <= KILL_ROUNDS; round++) {
            Instant before = Instant.now();
            Await.until("the failover connections probed", TICK.multipliedBy(3),
                    () -> evotor.probes().stream().anyMatch(p -> tokens.contains(p.token()) && p.at().isAfter(before)));
            String runner = lastProber(tokens);
            String survivor = runner.equals("a") ? "b" : "a";
            server(runner).kill();
            Instant killed = Instant.now();
            // Liberty hands a missed firing to another member after missedTaskThreshold, at its next poll.
            Duration bound = MISSED_TASK_THRESHOLD.multipliedBy(2).plus(INTERVAL);
            Await.until("server " + survivor + " takes the tick over", bound, () -> evotor.probes().stream()
                    .anyMatch(p -> p.member().equals(survivor) && p.at().isAfter(killed)));
            Instant takenOver = evotor.probes().stream()
                    .filter(p -> p.member().equals(survivor) && p.at().isAfter(killed))
                    .map(Probe::at).min(Comparator.naturalOrder()).orElseThrow();
            takeovers.add(Duration.between(killed, takenOver));
            assertEquals(200, server(survivor).healthStatus("/health/ready"), "the survivor kept serving");

            // Everything is checked again once the survivor runs the tick.
            Instant resumed = takenOver;
            Await.until("every connection checked by the survivor", INTERVAL.plus(TICK).plusSeconds(10),
                    () -> probesOf(tokens, resumed, Instant.now()).size() == tokens.size());
            Map<String, List<Instant>> around = probesOf(tokens, killed.minus(latestNext()), Instant.now());
            for (String token : tokens) {
                List<Instant> times = around.get(token);
                for (int i = 1; i < times.size(); i++) {
                    Duration gap = Duration.between(times.get(i - 1), times.get(i));
                    assertTrue(gap.compareTo(bound.plus(INTERVAL)) <= 0,
                            "unchecked no longer than the takeover bound plus one interval: " + gap);
                }
            }

            server(runner).startReady();
            assertEquals(200, server(runner).healthStatus("/health/ready"), "the killed server rejoins");
        }
        System.out.println("takeover after kill -9 (s): " + takeovers.stream()
                .map(d -> String.format("%.1f", d.toMillis() / 1000.0)).collect(Collectors.joining(", "))
                + "; median " + String.format("%.1f", median(takeovers).toMillis() / 1000.0));
    }

    @Test
    @Order(4)
    void disconnectingOnOneServerWhileTheOtherProbesDoesNotResurrect() throws Exception {
        WebClient user = new WebClient(server("a"));
        String email = Accounts.signedIn(user, "two-disconnect");
        String token = "slow-" + UUID.randomUUID();
        connectWithToken(user, token);
        long userId = db.queryLong("SELECT id FROM users WHERE email = ?", email);
        evotor.delay(token, 3000);
        db.update("UPDATE evotor_connections SET next_check_at = NULL WHERE user_id = ?", userId);
        Await.until("a probe of the connection in flight", TICK.multipliedBy(2), () -> evotor.inFlight(token) > 0);
        String prober = lastProber(List.of(token));
        WebClient other = new WebClient(server(prober.equals("a") ? "b" : "a"));
        assertTrue(WebClient.isRedirect(Accounts.signIn(other, email, Accounts.PASSWORD)));
        Page page = other.get("/evotor");
        Page done = other.follow(other.submit(page, "disconnect", Map.of(), "submit"));
        assertTrue(done.infos().contains("Эвотор отключён"), done.infos());

        Await.until("the probe answered", Duration.ofSeconds(10), () -> evotor.inFlight(token) == 0);
        Thread.sleep(2000); // its result would be written right after the answer
        assertEquals(0, db.queryLong("SELECT count(*) FROM evotor_connections WHERE user_id = ?", userId),
                "the disconnected connection is not resurrected by the other server's probe");
        assertEquals("Эвотор не подключён", user.get("/evotor").text("evotor-state"), "and not on either server");
    }

    @Test
    @Order(5)
    void whenEvotorCannotBeReachedAtAllEveryServerShowsTheBannerAndNoStatusChanges() {
        long online = db.queryLong("SELECT count(*) FROM evotor_connections WHERE is_online");
        Instant closed = Instant.now();
        evotor.close(); // every probe is now refused
        Await.until("a tick that found Evotor unreachable", TICK.multipliedBy(3), () -> db.queryLong(
                "SELECT count(*) FROM health_ticks WHERE outage AND finished_at > ?", SeededConnections.utc(closed)) > 0);
        for (String member : servers.keySet()) {
            WebClient someone = new WebClient(server(member));
            Accounts.signedIn(someone, "outage-" + member);
            assertTrue(someone.get("/connections").text("notice").startsWith("Эвотор недоступен"),
                    "the banner on server " + member);
        }
        assertEquals(online, db.queryLong("SELECT count(*) FROM evotor_connections WHERE is_online"),
                "an outage between us and Evotor takes no connection offline");
        assertEquals(0, db.queryLong("SELECT count(*) FROM evotor_connections WHERE failures_in_row > 0"),
                "and counts against none of them");
    }

    private static Duration earliestNext() {
        // one interval minus the 10% spread, less a second of clock slack
        return INTERVAL.multipliedBy(9).dividedBy(10).minusSeconds(1);
    }

    private static Duration latestNext() {
        // one interval plus the spread, rounded up to the next tick, plus slack for the sweep itself
        return INTERVAL.multipliedBy(11).dividedBy(10).plus(TICK).plusSeconds(5);
    }

    /** Probe times per token within [from, to], in order. */
    private static Map<String, List<Instant>> probesOf(List<String> tokens, Instant from, Instant to) {
        return evotor.probes().stream()
                .filter(p -> tokens.contains(p.token()) && !p.at().isBefore(from) && !p.at().isAfter(to))
                .sorted(Comparator.comparing(Probe::at))
                .collect(Collectors.groupingBy(Probe::token, Collectors.mapping(Probe::at, Collectors.toList())));
    }

    private static String lastProber(List<String> tokens) {
        return evotor.probes().stream().filter(p -> tokens.contains(p.token()))
                .max(Comparator.comparing(Probe::at)).map(Probe::member).orElseThrow();
    }

    private static List<Instant> ticksBetween(Instant from, Instant to) throws SQLException {
        List<Instant> ticks = new ArrayList<>();
        try (var c = db.connect(); var s = c.prepareStatement(
                "SELECT finished_at FROM health_ticks WHERE finished_at BETWEEN ? AND ? ORDER BY finished_at")) {
            s.setTimestamp(1, SeededConnections.utc(from));
            s.setTimestamp(2, SeededConnections.utc(to));
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp t = rs.getTimestamp(1);
                    ticks.add(SeededConnections.instant(t));
                }
            }
        }
        return ticks;
    }

    private static Duration median(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

}
