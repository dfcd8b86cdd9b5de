package ru.connections.evotor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.connections.it.support.Accounts;
import ru.connections.it.support.EvotorSandbox;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.SeededConnections;
import ru.connections.it.support.SharedServer;
import ru.connections.it.support.TestDatabase;
import ru.connections.it.support.WebClient;
import ru.connections.it.support.WebClient.Page;

/**
 * Attacks that must fail, beyond those next to the features they target (forged OAuth state and forged
 * disconnects in {@link EvotorIT}, open redirects, guessing and markup in fields in AccountsIT, expired
 * OAuth state in OAuthStatesTest): markup from Evotor, SQL in the token field, forged check-now,
 * security headers on every page, and tokens in clear anywhere after a full OAuth flow.
 */
class AttacksIT {

    private static LibertyServer server;
    private static EvotorSandbox sandbox;

    @BeforeAll
    static void server() {
        server = SharedServer.get();
        sandbox = new EvotorSandbox(server);
    }

    @AfterEach
    void resetSandbox() {
        sandbox.reset();
    }

    private static Page connectWithToken(WebClient user, String token) {
        return user.follow(user.submit(user.get("/evotor"), "token", Map.of("accessToken", token), "submit"));
    }

    @Test
    void aStoreNameCarryingScriptIsShownAsText() {
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "xss");
        String token = sandbox.mintToken();
        String evil = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";
        sandbox.setStores(token, List.of(evil));
        connectWithToken(user, token);

        for (String path : new String[] {"/connections", "/evotor"}) {
            Page page = user.get(path);
            assertFalse(page.body().contains("<script>document.title"), path + ": no script injected");
            assertTrue(page.document().select("img[onerror]").isEmpty(), path + ": no element injected");
            assertTrue(page.document().text().contains(evil), path + ": the name is shown, as text");
        }
    }

    @Test
    void sqlPastedAsATokenIsRefusedAndChangesNothing() {
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "sql");
        for (String sql : new String[] {"' OR '1'='1", "x'); DELETE FROM evotor_connections; --", "\\'; DROP TABLE users; --"}) {
            Page page = user.submit(user.get("/evotor"), "token", Map.of("accessToken", sql), "submit");
            assertEquals(200, page.status());
            assertFalse(page.errors().isEmpty(), "a clear error for " + sql);
            assertEquals("Эвотор не подключён", user.get("/evotor").text("evotor-state"));
        }
        assertEquals(200, user.get("/connections").status(), "the tables are all still there");
    }

    @Test
    void checkNowActsOnlyOnTheSignedInUsersOwnConnection() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "the check time is read from PostgreSQL");
        WebClient owner = new WebClient(server);
        String ownerEmail = Accounts.signedIn(owner, "check-owner");
        connectWithToken(owner, sandbox.mintToken());
        TestDatabase db = SharedServer.database();
        String checkedBefore = String.valueOf(lastChecked(db, ownerEmail));

        WebClient intruder = new WebClient(server);
        Accounts.signedIn(intruder, "check-intruder");
        Page ownerPage = owner.get("/connections");
        String button = ownerPage.document().select("button.check-now").attr("name");
        assertFalse(button.isEmpty(), "the owner has a check-now button");
        // The owner's form, replayed in the intruder's session (the card names only a provider, never a row).
        Page forged = intruder.post("/connections", Map.of("dashboard", "dashboard", button, button,
                "jakarta.faces.ViewState", ownerPage.document().select("input[name=jakarta.faces.ViewState]").val()));
        assertTrue(forged.status() < 500, "no server error: " + forged.status());
        assertEquals(checkedBefore, String.valueOf(lastChecked(db, ownerEmail)), "the owner's connection was not checked");
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "headers");
        for (String path : new String[] {"/", "/connections", "/evotor", "/login", "/no-such-page"}) {
            Page page = user.get(path);
            Map<String, String> h = page.headers();
            assertEquals("nosniff", h.get("x-content-type-options"), path);
            String csp = h.getOrDefault("content-security-policy", "");
            assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertFalse(page.body().matches("(?s).*(\\tat [a-z]|Exception: |\\.java:\\d).*"), path + ": no stack trace");
        }
        for (String path : new String[] {"/", "/connections", "/evotor", "/login"}) {
            Page page = user.get(path);
            String csp = page.headers().getOrDefault("content-security-policy", "");
            assertTrue(csp.matches("(?s).*script-src[^;]*'nonce-[^']+'.*"), path + ": scripts only with the nonce: " + csp);
            assertTrue(page.document().select("[onclick],[onload],[onerror]").isEmpty(),
                    path + ": no inline event handlers, which such a policy would block");
        }
    }

    @Test
    void afterAFullOAuthFlowNoTokenIsInClearInPagesLogsOrADatabaseDump() throws Exception {
        assumeTrue(TestDatabase.isPostgres(), "the dump is of PostgreSQL");
        WebClient user = new WebClient(server);
        String email = Accounts.signedIn(user, "dump");
        Page done = EvotorIT.oauth(user, true);
        TestDatabase db = SharedServer.database();
        List<String> secrets = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT c.user_id, c.access_token,"
                + " c.refresh_token FROM evotor_connections c JOIN users u ON u.id = c.user_id WHERE u.email = ?")) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "connected");
                secrets.add(SeededConnections.unseal(rs.getString(2), rs.getLong(1)));
                if (rs.getString(3) != null) {
                    secrets.add(SeededConnections.CIPHER.decrypt(rs.getString(3), "evotor:" + rs.getLong(1) + ":refresh"));
                }
            }
        }
        assertEquals(2, secrets.size(), "the OAuth flow stored an access and a refresh token");

        StringBuilder pages = new StringBuilder(done.body());
        for (String path : new String[] {"/", "/connections", "/evotor"}) {
            pages.append(user.get(path).body());
        }
        String dump = pgDump(db);
        String logs = logs(server.directory().resolve("logs"));
        for (String secret : secrets) {
            assertFalse(pages.toString().contains(secret), "not in a rendered page");
            assertFalse(logs.contains(secret), "not in any server log");
            assertFalse(dump.contains(secret), "not in a database dump");
        }
        assertTrue(dump.contains(email), "the dump is a real one");
    }

    private static Object lastChecked(TestDatabase db, String email) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT c.last_checked_at"
                + " FROM evotor_connections c JOIN users u ON u.id = c.user_id WHERE u.email = ?")) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return rs.getTimestamp(1);
            }
        }
    }

    private static String pgDump(TestDatabase db) throws IOException, InterruptedException {
        Process dump = new ProcessBuilder("pg_dump", "-h", TestDatabase.PG_HOST, "-p", TestDatabase.PG_PORT,
                "-U", TestDatabase.PG_USER, db.name()).redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, dump.waitFor(), text);
        return text;
    }

    private static String logs(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
