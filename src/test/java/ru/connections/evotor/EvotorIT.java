package ru.connections.evotor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.connections.it.support.Accounts;
import ru.connections.it.support.EvotorSandbox;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.SharedServer;
import ru.connections.it.support.TestDatabase;
import ru.connections.it.support.WebClient;
import ru.connections.it.support.WebClient.Page;
import ru.connections.platform.TokenCipher;

/** Connecting Evotor through the simulated Evotor: OAuth, token, failures, disconnect, isolation, secrecy. */
class EvotorIT {

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

    /** Runs the OAuth flow from "Подключить" to the page the user ends on. */
    static Page oauth(WebClient user, boolean approve) {
        Page connect = user.get("/evotor/connect");
        assertEquals(302, connect.status(), "Подключить sends the browser to Evotor");
        URI authorize = URI.create(connect.location());
        assertTrue(authorize.getPath().endsWith("/evotor-sandbox/oauth/authorize"), authorize.toString());
        assertTrue(authorize.getQuery().contains("response_type=code") && authorize.getQuery().contains("state="));
        Page consent = user.get(connect.location());
        assertEquals(200, consent.status());
        Element button = consent.document().getElementById(approve ? "approve" : "deny");
        Element form = button.closest("form");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[name]").forEach(i -> fields.put(i.attr("name"), i.val()));
        if (button.hasAttr("name")) {
            fields.put(button.attr("name"), button.val());
        }
        Page decided = user.post(form.absUrl("action"), fields);
        assertTrue(WebClient.isRedirect(decided), "Evotor redirects back: " + decided.status());
        assertTrue(URI.create(decided.location()).getPath().equals("/evotor/callback"), decided.location());
        return user.follow(decided);
    }

    private static Page connectWithToken(WebClient user, String token) {
        Page page = user.get("/evotor");
        return user.submit(page, "token", Map.of("accessToken", token), "submit");
    }

    @Test
    void approvingOnEvotorConnectsAndShowsTheStores() {
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "oauth");
        assertEquals("Эвотор не подключён", user.get("/evotor").text("evotor-state"));

        Page done = oauth(user, true);
        assertEquals("/connections", done.uri().getPath(), "connecting ends on the connections page");
        assertTrue(done.infos().contains("Эвотор подключён"), done.infos() + done.errors());
        assertEquals("Эвотор подключён", user.get("/evotor").text("evotor-state"));
        assertEquals("Магазин на Ленина +2", user.get("/evotor").text("evotor-stores"), "all pages of stores were read");
        assertFalse(user.get("/evotor").text("evotor-since").isEmpty());
    }

    @Test
    void decliningOnEvotorSavesNothing() {
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "deny");
        Page done = oauth(user, false);
        assertTrue(done.errors().contains("Вы отказались дать доступ"), done.errors());
        assertEquals("Эвотор не подключён", user.get("/evotor").text("evotor-state"));
    }

    @Test
    void forgedReplayedOrMissingStateIsRefusedAndChangesNothing() {
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "state");
        Page forged = user.follow(user.get("/evotor/callback?code=abc&state=forged"));
        assertTrue(forged.errors().contains("устарела или уже использована"), forged.errors());
        Page missing = user.follow(user.get("/evotor/callback?code=abc"));
        assertTrue(missing.errors().contains("устарела или уже использована"), missing.errors());

        // A real callback, replayed: the state was used up by the first visit.
        Page connect = user.get("/evotor/connect");
        Page consent = user.get(connect.location());
        Element form = consent.document().getElementById("approve").closest("form");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[name]").forEach(i -> fields.put(i.attr("name"), i.val()));
        Element approve = consent.document().getElementById("approve");
        if (approve.hasAttr("name")) {
            fields.put(approve.attr("name"), approve.val());
        }
        String callback = user.post(form.absUrl("action"), fields).location();
        assertTrue(user.follow(user.get(callback)).infos().contains("Эвотор подключён"));
        Page replayed = user.follow(user.get(callback));
        assertTrue(replayed.errors().contains("устарела или уже использована"), replayed.errors());

        // Another session cannot use this session's state.
        WebClient other = new WebClient(server);
        Accounts.signedIn(other, "state-other");
        String state = URI.create(user.get("/evotor/connect").location()).getQuery().replaceAll(".*state=([^&]+).*", "$1");
        Page stolen = other.follow(other.get("/evotor/callback?code=abc&state=" + state));
        assertTrue(stolen.errors().contains("устарела или уже использована"), stolen.errors());
        assertEquals("Эвотор не подключён", other.get("/evotor").text("evotor-state"));
    }

    @Test
    void aCallbackWithoutCodeSaysSo() {
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "nocode");
        String state = URI.create(user.get("/evotor/connect").location()).getQuery().replaceAll(".*state=([^&]+).*", "$1");
        Page page = user.follow(user.get("/evotor/callback?state=" + state));
        assertTrue(page.errors().contains("не передал код"), page.errors());
    }

    @Test
    void evotorFailuresDuringConnectLeaveTheExistingConnectionAsItWas() {
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "failures");
        String token = sandbox.mintToken();
        sandbox.setStores(token, List.of("Первый магазин"));
        connectWithToken(user, token);
        assertEquals("Первый магазин", user.get("/evotor").text("evotor-stores"));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("400", "код устарел или уже использован");
        expected.put("500", "Эвотор сейчас недоступен");
        expected.put("hang", "Эвотор сейчас недоступен");
        expected.forEach((mode, message) -> {
            sandbox.tokenEndpoint(mode);
            Page page = oauth(user, true);
            assertTrue(page.errors().contains(message), mode + ": " + page.errors());
            assertEquals("Первый магазин", user.get("/evotor").text("evotor-stores"), mode + ": the old connection is kept");
        });
        sandbox.tokenEndpoint("none");

        sandbox.mode("revoked");
        Page revoked = oauth(user, true);
        assertTrue(revoked.errors().contains("не принял токен"), revoked.errors());
        assertEquals("Первый магазин", user.get("/evotor").text("evotor-stores"));
    }

    @Test
    void connectingWithAPastedTokenVerifiesItFirst() {
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "token");
        Page empty = connectWithToken(user, "   ");
        assertTrue(empty.errors().contains("Вставьте токен"), empty.errors());
        Page wrong = connectWithToken(user, "not-a-real-token");
        assertTrue(wrong.errors().contains("не принял токен"), wrong.errors());
        assertEquals("Эвотор не подключён", user.get("/evotor").text("evotor-state"));

        String token = sandbox.mintToken();
        sandbox.setStores(token, List.of("<script>alert('x')</script>", "Второй"));
        Page done = user.follow(connectWithToken(user, token));
        assertTrue(done.infos().contains("Эвотор подключён"), done.errors());
        assertEquals("<script>alert('x')</script> +1", user.get("/evotor").text("evotor-stores"), "shown as text");
        assertTrue(done.body().contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
        assertFalse(done.body().contains(token), "the token never comes back to the page");
    }

    @Test
    void connectingAgainReplacesTokenAndStoresKeepingTheConnection() throws Exception {
        WebClient user = new WebClient(server);
        String email = Accounts.signedIn(user, "again");
        String first = sandbox.mintToken();
        sandbox.setStores(first, List.of("Старый"));
        user.follow(connectWithToken(user, first));
        String second = sandbox.mintToken();
        sandbox.setStores(second, List.of("Новый"));
        Page done = user.follow(connectWithToken(user, second));
        assertEquals("Новый", user.get("/evotor").text("evotor-stores"));
        if (TestDatabase.isPostgres()) {
            TestDatabase db = SharedServer.database();
            assertEquals(1, db.queryLong("SELECT count(*) FROM evotor_connections c JOIN users u ON u.id = c.user_id"
                    + " WHERE u.email = ?", email));
        }
    }

    @Test
    void disconnectDeletesTheConnectionOnlyThroughTheRealForm() {
        WebClient user = new WebClient(server);
        Accounts.signedIn(user, "disconnect");
        user.follow(connectWithToken(user, sandbox.mintToken()));
        Page page = user.get("/evotor");

        Page forged = user.post("/evotor", Map.of("disconnect", "disconnect", "disconnect:submit", ""));
        assertFalse(user.get("/evotor").text("evotor-state").contains("не подключён"),
                "a POST without the page's form token disconnects nothing (" + forged.status() + ")");

        Page done = user.follow(user.submit(page, "disconnect", Map.of(), "submit"));
        assertTrue(done.infos().contains("Эвотор отключён"), done.infos());
        assertEquals("Эвотор не подключён", user.get("/evotor").text("evotor-state"));
    }

    @Test
    void anotherUserNeitherSeesNorDisconnectsTheConnection() {
        WebClient owner = new WebClient(server);
        Accounts.signedIn(owner, "owner");
        String token = sandbox.mintToken();
        sandbox.setStores(token, List.of("Магазин владельца"));
        owner.follow(connectWithToken(owner, token));

        WebClient intruder = new WebClient(server);
        Accounts.signedIn(intruder, "intruder");
        Page theirs = intruder.get("/evotor");
        assertEquals("Эвотор не подключён", theirs.text("evotor-state"));
        assertFalse(theirs.body().contains("Магазин владельца"));
        // The owner's disconnect form, submitted in the intruder's session, acts on nobody's connection but theirs.
        Page ownerPage = owner.get("/evotor");
        intruder.post("/evotor", Map.of("disconnect", "disconnect", "disconnect:submit", "",
                "jakarta.faces.ViewState", ownerPage.document().select("input[name=jakarta.faces.ViewState]").val()));
        assertEquals("Магазин владельца", owner.get("/evotor").text("evotor-stores"));
    }

    @Test
    void theTokenIsNeverInClearInPagesLogsOrTheDatabase() throws Exception {
        WebClient user = new WebClient(server);
        String email = Accounts.signedIn(user, "secret");
        String token = sandbox.mintToken();
        Page done = user.follow(connectWithToken(user, token));
        assertFalse(done.body().contains(token));
        assertFalse(user.get("/").body().contains(token));
        assertFalse(server.log().contains(token), "not in messages.log");
        if (TestDatabase.isPostgres()) {
            TestDatabase db = SharedServer.database();
            try (var c = db.connect(); var s = c.prepareStatement(
                    "SELECT c.user_id, c.access_token FROM evotor_connections c JOIN users u ON u.id = c.user_id WHERE u.email = ?")) {
                s.setString(1, email);
                try (var rs = s.executeQuery()) {
                    assertTrue(rs.next());
                    String stored = rs.getString(2);
                    assertFalse(stored.contains(token), "not in the table in clear");
                    String decrypted = new TokenCipher(Base64.getDecoder().decode(TestDatabase.TEST_TOKEN_KEY))
                            .decrypt(stored, "evotor:" + rs.getLong(1) + ":access");
                    assertEquals(token, decrypted, "but it is the token, encrypted under the configured key");
                }
            }
        }
    }
}
