package ru.connections.evotor.sandbox;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The simulated Evotor, spoken to over HTTP exactly as the app and a person's browser will: consent,
 * token exchange, the store list with its paging and headers, every failure mode and the control page.
 */
class EvotorSandboxIT {

    private static final String V2 = "application/vnd.evotor.v2+json";
    private static final String CALLBACK = "https://app.example/evotor/callback?tab=settings";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("sandbox-client:sandbox-secret".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static LibertyServer server;

    @BeforeAll
    static void startServer() {
        server = LibertyServer.create("it-sandbox-" + TestDatabase.currentKind(),
                        TestDatabase.fresh("sandbox").serverSettings())
                .set("EVOTOR_SANDBOX_ENABLED", "true");
        server.startReady();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void normalEvotor() {
        assertEquals(200, post("/evotor-sandbox/control/reset", "").status());
    }

    // ---- consent page ----

    @Test
    void approvingRedirectsBackWithAStateAndASingleUseCodeThatBuysAToken() {
        String state = "s1 \"><script>alert(1)</script>&x=y";
        Answer page = get(authorizePath("sandbox-client", "code", CALLBACK, state));
        assertEquals(200, page.status());
        Document document = Jsoup.parse(page.body());
        assertEquals("Эвотор — песочница", document.title());
        assertTrue(document.text().contains("Симуляция"), "marked as a simulation");
        assertTrue(document.text().contains("доступ к вашим магазинам"), document.text());
        assertEquals("Разрешить", document.getElementById("approve").text());
        assertEquals("Отказать", document.getElementById("deny").text());
        assertTrue(document.select("script").isEmpty(), "the state is shown as data, never as markup");

        Answer approved = submit(page, "approve");
        assertEquals(303, approved.status());
        URI back = URI.create(approved.header("Location"));
        assertEquals("https://app.example/evotor/callback", back.getScheme() + "://" + back.getHost() + back.getPath());
        Map<String, String> query = query(back);
        assertEquals("settings", query.get("tab"), "the redirect_uri's own query is kept");
        assertEquals(state, query.get("state"));
        String code = query.get("code");
        assertNotNull(code);

        Answer token = exchange(code, CALLBACK);
        assertEquals(200, token.status(), token.body());
        JsonNode json = token.json();
        assertEquals(Set.of("access_token", "token_type", "expires_in", "refresh_token", "scope"),
                Set.copyOf(json.propertyNames()));
        assertEquals("bearer", json.get("token_type").asString());
        assertEquals(604800, json.get("expires_in").asInt());
        assertEquals("store:read", json.get("scope").asString());
        assertEquals("no-store", token.header("Cache-Control"));
        assertEquals(200, stores(json.get("access_token").asString(), null).status(), "the token opens the stores");

        Answer again = exchange(code, CALLBACK);
        assertEquals(400, again.status());
        assertEquals("invalid_grant", again.json().get("error").asString(), "a code works once");
    }

    @Test
    void denyingRedirectsBackWithAccessDenied() {
        Answer page = get(authorizePath("sandbox-client", "code", CALLBACK, "abc"));
        Answer denied = submit(page, "deny");
        assertEquals(303, denied.status());
        Map<String, String> query = query(URI.create(denied.header("Location")));
        assertEquals("access_denied", query.get("error"));
        assertEquals("abc", query.get("state"));
        assertNull(query.get("code"));
    }

    @Test
    void brokenAuthorizationRequestsGetAnEscapedErrorPageAndNoRedirect() {
        List<String> broken = List.of(
                authorizePath("<b>other</b>", "code", CALLBACK, "s"),
                authorizePath("sandbox-client", "token", CALLBACK, "s"),
                authorizePath("sandbox-client", "code", null, "s"),
                authorizePath("sandbox-client", "code", "/relative/callback", "s"),
                authorizePath("sandbox-client", "code", "javascript:alert(1)", "s"),
                authorizePath("sandbox-client", "code", "https://app.example/cb#fragment", "s"));
        for (String path : broken) {
            Answer page = get(path);
            assertAll(path,
                    () -> assertEquals(400, page.status()),
                    () -> assertTrue(page.header("Content-Type").startsWith("text/html")),
                    () -> assertNull(page.header("Location")),
                    () -> assertNotNull(Jsoup.parse(page.body()).getElementById("authorize-error")));
        }
        Answer escaped = get(broken.get(0));
        assertTrue(escaped.body().contains("&lt;b&gt;other&lt;/b&gt;"), escaped.body());
        assertTrue(Jsoup.parse(escaped.body()).select("#authorize-error b").isEmpty());

        Answer tampered = post("/evotor-sandbox/oauth/authorize",
                form("client_id", "sandbox-client", "redirect_uri", "ftp://evil.example/", "decision", "approve"));
        assertEquals(400, tampered.status(), "hidden fields are checked again on the way back");
        assertNull(tampered.header("Location"));
    }

    // ---- token endpoint ----

    @Test
    void tokenEndpointRefusesUnknownClientsAndBadGrants() {
        String code = approvedCode(CALLBACK);
        String grant = form("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK);

        Answer anonymous = post("/evotor-sandbox/oauth/token", grant);
        assertEquals(401, anonymous.status());
        assertEquals("invalid_client", anonymous.json().get("error").asString());
        Answer wrongSecret = post("/evotor-sandbox/oauth/token", grant, "Authorization", "Basic "
                + Base64.getEncoder().encodeToString("sandbox-client:guess".getBytes(StandardCharsets.UTF_8)));
        assertEquals(401, wrongSecret.status());
        assertEquals("invalid_client", wrongSecret.json().get("error").asString());

        assertOAuthError(400, "unsupported_grant_type", token(form("grant_type", "password", "code", code)));
        assertOAuthError(400, "invalid_request", token(form("grant_type", "authorization_code",
                "redirect_uri", CALLBACK)));
        assertOAuthError(400, "invalid_grant", exchange("no-such-code", CALLBACK));
        assertOAuthError(400, "invalid_grant", exchange(code, "https://app.example/other"));
        assertOAuthError(400, "invalid_grant", exchange(code, CALLBACK));
        assertEquals(200, exchange(approvedCode(CALLBACK), CALLBACK).status(), "the refusals used nothing else up");
    }

    @Test
    void aRefreshTokenGivesANewAccessTokenForTheSameAccountUntilItIsRevoked() {
        JsonNode first = exchange(approvedCode(CALLBACK), CALLBACK).json();
        Answer refreshed = token(form("grant_type", "refresh_token", "refresh_token",
                first.get("refresh_token").asString()));
        assertEquals(200, refreshed.status(), refreshed.body());
        String newToken = refreshed.json().get("access_token").asString();
        assertNotEquals(first.get("access_token").asString(), newToken);
        assertEquals(allStores(first.get("access_token").asString()), allStores(newToken), "same account, same stores");

        assertOAuthError(400, "invalid_grant", token(form("grant_type", "refresh_token", "refresh_token", "nope")));
        setTokenMode(newToken, "revoked");
        assertOAuthError(400, "invalid_grant", token(form("grant_type", "refresh_token", "refresh_token",
                first.get("refresh_token").asString())));
    }

    @Test
    void tokenEndpointFailuresCanBeSwitchedOn() {
        assertEquals(200, post("/evotor-sandbox/control/token-endpoint", form("mode", "400")).status());
        assertOAuthError(400, "invalid_grant", exchange(approvedCode(CALLBACK), CALLBACK));
        post("/evotor-sandbox/control/token-endpoint", form("mode", "500"));
        assertOAuthError(500, "server_error", exchange(approvedCode(CALLBACK), CALLBACK));

        post("/evotor-sandbox/control/token-endpoint", form("mode", "hang", "delayMs", "1500"));
        String code = approvedCode(CALLBACK);
        assertThrows(HttpTimeoutException.class, () -> HTTP.send(tokenRequest(code).timeout(Duration.ofMillis(500))
                        .build(), HttpResponse.BodyHandlers.discarding()),
                "a caller's read timeout fires while the endpoint hangs");
        long started = System.nanoTime();
        Answer late = exchange(approvedCode(CALLBACK), CALLBACK);
        assertTrue(System.nanoTime() - started >= 1_400_000_000L, "no answer before the delay");
        assertOAuthError(503, "temporarily_unavailable", late);

        post("/evotor-sandbox/control/token-endpoint", form("mode", "none"));
        post("/evotor-sandbox/control/mode", form("mode", "down"));
        assertOAuthError(503, "temporarily_unavailable", exchange(approvedCode(CALLBACK), CALLBACK));
        post("/evotor-sandbox/control/mode", form("mode", "up"));
        assertEquals(200, exchange(approvedCode(CALLBACK), CALLBACK).status());
    }

    // ---- store list ----

    @Test
    void storesNeedABearerTokenAndEvotorsMediaType() {
        String token = mint();
        Answer noAccept = send(HttpRequest.newBuilder(server.uri("/evotor-sandbox/api/stores"))
                .header("Authorization", "Bearer " + token));
        assertEquals(406, noAccept.status());
        assertEquals(406, storesAccepting(token, "application/json").status());
        assertEquals(200, storesAccepting(token, "application/json, " + V2 + ";q=0.9").status());

        Answer anonymous = send(HttpRequest.newBuilder(server.uri("/evotor-sandbox/api/stores")).header("Accept", V2));
        assertEquals(401, anonymous.status());
        assertEquals(1001, anonymous.json().get("errors").get(0).get("code").asInt());
        assertEquals("Unauthorized", anonymous.json().get("errors").get(0).get("message").asString());
        assertEquals(401, stores("not-a-token", null).status());
        assertEquals(401, send(HttpRequest.newBuilder(server.uri("/evotor-sandbox/api/stores"))
                .header("Accept", V2).header("Authorization", token)).status(), "the Bearer scheme is required");
        for (Answer answer : List.of(noAccept, anonymous)) {
            assertNotNull(answer.header("X-RateLimit-Limit"));
            assertNotNull(answer.header("X-RateLimit-Remaining"));
            assertNotNull(answer.header("X-RateLimit-Reset"));
        }
    }

    @Test
    void theDefaultStoresComeTwoPerPageInEvotorsShape() {
        String token = mint();
        Answer first = stores(token, null);
        assertEquals(200, first.status());
        assertEquals(V2, first.header("Content-Type"));
        JsonNode page1 = first.json();
        assertEquals(2, page1.get("items").size());
        String cursor = page1.get("paging").get("next_cursor").asString();
        JsonNode page2 = stores(token, cursor).json();
        assertEquals(1, page2.get("items").size());
        assertTrue(page2.get("paging").isObject() && page2.get("paging").isEmpty(), "last page: \"paging\":{}");

        List<JsonNode> items = new ArrayList<>();
        page1.get("items").forEach(items::add);
        page2.get("items").forEach(items::add);
        assertEquals(List.of("Магазин на Ленина", "Кофейня у вокзала", "Склад <b>№3</b>"),
                items.stream().map(i -> i.get("name").asString()).toList());
        String userId = items.get(0).get("user_id").asString();
        assertTrue(userId.matches("01-\\d{15}"), userId);
        for (JsonNode item : items) {
            assertAll(item.toString(),
                    () -> assertTrue(item.get("id").asString().matches("[0-9a-f]{24}")),
                    () -> assertFalse(item.get("address").asString().isBlank()),
                    () -> assertEquals(userId, item.get("user_id").asString()),
                    () -> assertTrue(item.get("created_at").asString()
                            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000")),
                    () -> assertTrue(item.get("updated_at").asString()
                            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000")));
        }
        assertNotEquals(userId, stores(mint(), null).json().get("items").get(0).get("user_id").asString(),
                "every token has its own account");
    }

    @Test
    void manyStoresArePagedByCursorWithNothingLostOrRepeated() {
        String token = mint();
        assertEquals(200, post("/evotor-sandbox/control/tokens/" + token + "/stores", form("count", "7")).status());
        assertEquals(200, post("/evotor-sandbox/control/tokens/" + token + "/page-size", form("size", "3")).status());
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = stores(token, cursor).json();
            page.get("items").forEach(i -> names.add(i.get("name").asString()));
            cursor = page.get("paging").has("next_cursor") ? page.get("paging").get("next_cursor").asString() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(IntStream.rangeClosed(1, 7).mapToObj(i -> "Магазин №" + i).toList(), names);

        String staleCursor = stores(token, null).json().get("paging").get("next_cursor").asString();
        assertEquals(400, stores(token, "not-a-cursor").status());
        postJson("/evotor-sandbox/control/tokens/" + token + "/stores", "[\"Новый магазин\"]");
        Answer stale = stores(token, staleCursor);
        assertEquals(400, stale.status(), "a cursor into a list that changed is refused");
        assertEquals(1005, stale.json().get("errors").get(0).get("code").asInt());
    }

    @Test
    void aStoreWithoutAnAddressHasNoAddressFieldAtAll() {
        String token = mint();
        Answer set = postJson("/evotor-sandbox/control/tokens/" + token + "/stores",
                "[{\"name\":\"Без адреса\"},{\"name\":\"С адресом\",\"address\":\"г. Казань\"}]");
        assertEquals(2, set.json().get("stores").asInt());
        JsonNode items = stores(token, null).json().get("items");
        assertFalse(items.get(0).has("address"), items.toString());
        assertEquals("г. Казань", items.get(1).get("address").asString());
    }

    @Test
    void rateLimitHeadersCountDownAndRunningOutAnswers429() {
        String token = mint();
        Answer first = stores(token, null);
        Answer second = stores(token, null);
        assertEquals(Integer.parseInt(first.header("X-RateLimit-Remaining")) - 1,
                Integer.parseInt(second.header("X-RateLimit-Remaining")));
        assertEquals("1000", first.header("X-RateLimit-Limit"));
        long reset = Long.parseLong(first.header("X-RateLimit-Reset"));
        assertTrue(reset > 0 && reset <= 60, "seconds until the window resets: " + reset);

        post("/evotor-sandbox/control/rate-limit", form("limit", "2", "windowSeconds", "60"));
        assertEquals("1", stores(token, null).header("X-RateLimit-Remaining"));
        Answer last = stores(token, null);
        assertEquals(200, last.status());
        assertEquals("0", last.header("X-RateLimit-Remaining"));
        Answer over = stores(token, null);
        assertEquals(429, over.status());
        assertEquals("0", over.header("X-RateLimit-Remaining"));
        assertNotNull(over.header("Retry-After"));
    }

    // ---- failure modes ----

    @Test
    void everyGlobalFailureModeAnswersItsStatusUntilReset() {
        String token = mint();
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("down", 503);
        expected.put("rate_limited", 429);
        expected.put("revoked", 401);
        expected.put("not_installed", 402);
        expected.put("forbidden", 403);
        expected.put("server_error", 500);
        expected.put("malformed", 200);
        expected.put("up", 200);
        expected.forEach((mode, status) -> {
            Answer set = post("/evotor-sandbox/control/mode", form("mode", mode));
            assertEquals(mode, set.json().get("mode").asString());
            Answer answer = stores(token, null);
            assertAll(mode,
                    () -> assertEquals(status, answer.status()),
                    () -> assertNotNull(answer.header("X-RateLimit-Remaining")));
        });

        post("/evotor-sandbox/control/mode", form("mode", "rate_limited"));
        Answer limited = stores(token, null);
        assertEquals("0", limited.header("X-RateLimit-Remaining"));
        assertTrue(Long.parseLong(limited.header("X-RateLimit-Reset")) > 0);

        post("/evotor-sandbox/control/mode", form("mode", "malformed"));
        Answer malformed = stores(token, null);
        assertThrows(RuntimeException.class, malformed::json, "a 200 whose body is not JSON: " + malformed.body());

        assertEquals("up", post("/evotor-sandbox/control/reset", "").json().get("mode").asString());
        assertEquals(200, stores(token, null).status());
    }

    @Test
    void aTokensOwnModeAffectsOnlyThatToken() {
        String forbidden = mint();
        String other = mint();
        Answer set = setTokenMode(forbidden, "forbidden");
        assertEquals("forbidden", set.json().get("mode").asString());
        assertEquals(403, stores(forbidden, null).status());
        assertEquals(200, stores(other, null).status());
        setTokenMode(forbidden, "not_installed");
        assertEquals(402, stores(forbidden, null).status());
        setTokenMode(other, "revoked");
        assertEquals(401, stores(other, null).status());
        post("/evotor-sandbox/control/reset", "");
        assertEquals(200, stores(forbidden, null).status());
        assertEquals(200, stores(other, null).status());
    }

    @Test
    void slowModeAnswersAfterTheDelayAndTheConcurrencyIsCounted() throws Exception {
        String token = mint();
        post("/evotor-sandbox/control/mode", form("mode", "slow", "delayMs", "1500"));
        assertThrows(HttpTimeoutException.class, () -> HTTP.send(storesRequest(token).timeout(Duration.ofMillis(500))
                        .build(), HttpResponse.BodyHandlers.discarding()),
                "a caller's read timeout fires");

        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> parallel = IntStream.range(0, 3)
                .mapToObj(i -> HTTP.sendAsync(storesRequest(token).build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        for (CompletableFuture<HttpResponse<String>> answer : parallel) {
            assertEquals(200, answer.get().statusCode(), "after the delay the answer is normal");
        }
        assertTrue(System.nanoTime() - started >= 1_400_000_000L, "not before the delay");

        JsonNode stats = get("/evotor-sandbox/control/stats").json();
        assertTrue(stats.get("max_in_flight").asInt() >= 3, stats.toString());
        assertEquals(4, stats.get("tokens").get(token).get("requests").asInt(), "the one that timed out counts too");
    }

    @Test
    void statsCountRequestsPerTokenAndResetZeroesThem() {
        String token = mint();
        stores(token, null);
        stores(token, null);
        stores(mint(), null);
        JsonNode stats = get("/evotor-sandbox/control/stats").json();
        assertEquals(2, stats.get("tokens").get(token).get("requests").asInt());
        assertEquals(3, stats.get("api_requests").asInt());
        assertEquals(0, stats.get("in_flight").asInt());
        assertEquals("up", stats.get("mode").asString());
        assertEquals("none", stats.get("token_endpoint").get("mode").asString());

        JsonNode reset = post("/evotor-sandbox/control/reset", "").json();
        assertEquals(0, reset.get("api_requests").asInt());
        assertEquals(0, reset.get("tokens").get(token).get("requests").asInt());
        assertEquals(200, stores(token, null).status(), "tokens survive a reset");
    }

    @Test
    void controlApiRefusesNonsense() {
        Answer mode = post("/evotor-sandbox/control/mode", form("mode", "sideways"));
        assertEquals(400, mode.status());
        assertEquals("unknown_mode", mode.json().get("error").asString());
        assertEquals("invalid_delay", post("/evotor-sandbox/control/mode", form("mode", "slow", "delayMs", "-1"))
                .json().get("error").asString());
        Answer unknown = post("/evotor-sandbox/control/tokens/nope/mode", form("mode", "down"));
        assertEquals(404, unknown.status());
        assertEquals("unknown_token", unknown.json().get("error").asString());
        assertEquals(400, postJson("/evotor-sandbox/control/tokens/" + mint() + "/stores", "{\"name\":1}").status());
        assertEquals("up", get("/evotor-sandbox/control/stats").json().get("mode").asString(), "nothing changed");
    }

    // ---- control page ----

    @Test
    void aPersonMintsATokenTakesEvotorDownAndRevokesTheTokenOnTheControlPage() {
        Answer page = get("/evotor-sandbox/control");
        assertEquals(200, page.status());
        Document document = Jsoup.parse(page.body());
        assertEquals("Эвотор — песочница", document.title());
        assertEquals("ru", document.select("html").attr("lang"));

        Answer minted = submit(page, "mint-token");
        assertEquals(303, minted.status());
        Answer shown = get(minted.header("Location"));
        String token = Jsoup.parse(shown.body()).getElementById("minted-token").text();
        assertEquals(200, stores(token, null).status(), "the copied token works against the API");

        Answer down = submit(shown, "set-mode", "mode", "down");
        assertEquals(303, down.status());
        Answer afterDown = get(down.header("Location"));
        assertEquals("down", Jsoup.parse(afterDown.body()).getElementById("current-mode").text());
        assertEquals(503, stores(token, null).status());
        submit(afterDown, "set-mode", "mode", "up");

        Answer revoked = get(submit(afterDown, "revoke-token", "token", token).header("Location"));
        assertNull(Jsoup.parse(revoked.body()).getElementById("control-error"));
        assertEquals(401, stores(token, null).status());
        assertTrue(Jsoup.parse(revoked.body()).getElementById("api-requests").text().matches("\\d+"));

        Answer unknown = get(submit(revoked, "revoke-token", "token", "no-such-token").header("Location"));
        assertTrue(Jsoup.parse(unknown.body()).getElementById("control-error").text().contains("не выдавала"));

        Answer hang = get(submit(unknown, "set-token-endpoint", "mode", "hang").header("Location"));
        assertEquals("hang", Jsoup.parse(hang.body()).getElementById("current-token-endpoint").text());
        get(submit(hang, "reset").header("Location"));
        assertEquals(200, stores(token, null).status(), "reset lifts the revocation");
        assertEquals("none", get("/evotor-sandbox/control/stats").json().get("token_endpoint").get("mode").asString());
    }

    // ---- switched off ----

    /** The PostgreSQL default is production: no simulation. (Checked once, on the PostgreSQL run.) */
    @Test
    void withTheSandboxSwitchedOffEverySandboxPathIsNotFound() {
        assumeTrue(TestDatabase.isPostgres(), "the production configuration runs on PostgreSQL");
        TestDatabase database = TestDatabase.fresh("sandbox_off");
        try (LibertyServer production = LibertyServer.create("it-sandbox-off", database.serverSettings())) {
            production.startReady();
            assertSandboxOff(production);
        } finally {
            database.drop();
        }
    }

    private void assertSandboxOff(LibertyServer production) {
        for (String path : List.of("/evotor-sandbox/control", "/evotor-sandbox/control/stats",
                "/evotor-sandbox/api/stores", authorizePath("sandbox-client", "code", CALLBACK, "s"),
                "/evotor-sandbox/nothing-here")) {
            Answer answer = send(HttpRequest.newBuilder(production.uri(path)).header("Accept", V2));
            assertEquals(404, answer.status(), path);
        }
        Answer token = send(HttpRequest.newBuilder(production.uri("/evotor-sandbox/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", BASIC)
                .POST(HttpRequest.BodyPublishers.ofString(form("grant_type", "authorization_code", "code", "x",
                        "redirect_uri", CALLBACK))));
        assertEquals(404, token.status());
        Answer mint = send(HttpRequest.newBuilder(production.uri("/evotor-sandbox/control/tokens"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertEquals(404, mint.status(), "nothing can be minted either");
    }

    // ---- helpers ----

    /** One HTTP answer. */
    record Answer(int status, String body, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static String authorizePath(String clientId, String responseType, String redirectUri, String state) {
        StringBuilder path = new StringBuilder("/evotor-sandbox/oauth/authorize?client_id=" + encode(clientId)
                + "&response_type=" + encode(responseType));
        if (redirectUri != null) {
            path.append("&redirect_uri=").append(encode(redirectUri));
        }
        return path.append("&state=").append(encode(state)).toString();
    }

    /** A fresh code, as the browser brings it back to the app after "Разрешить". */
    private static String approvedCode(String redirectUri) {
        Answer approved = submit(get(authorizePath("sandbox-client", "code", redirectUri, "st")), "approve");
        return query(URI.create(approved.header("Location"))).get("code");
    }

    /** Submits the form that holds {@code buttonId}, with its hidden fields, as a browser would. */
    private static Answer submit(Answer page, String buttonId, String... typed) {
        Document document = Jsoup.parse(page.body(), server.uri("/").toString());
        Element button = document.getElementById(buttonId);
        assertNotNull(button, "no #" + buttonId + " on\n" + page.body());
        Element formElement = button.closest("form");
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : formElement.select("input[name], select[name]")) {
            fields.put(input.attr("name"), input.is("select")
                    ? input.select("option[selected]").attr("value") : input.val());
        }
        for (int i = 0; i < typed.length; i += 2) {
            fields.put(typed[i], typed[i + 1]);
        }
        if (button.hasAttr("name")) {
            fields.put(button.attr("name"), button.val());
        }
        String body = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(formElement.absUrl("action")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String mint() {
        Answer minted = post("/evotor-sandbox/control/tokens", "");
        assertEquals(200, minted.status(), minted.body());
        return minted.json().get("access_token").asString();
    }

    private static Answer setTokenMode(String token, String mode) {
        Answer answer = post("/evotor-sandbox/control/tokens/" + token + "/mode", form("mode", mode));
        assertEquals(200, answer.status(), answer.body());
        return answer;
    }

    private static List<String> allStores(String token) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = stores(token, cursor).json();
            page.get("items").forEach(i -> ids.add(i.get("id").asString() + " " + i.get("user_id").asString()));
            cursor = page.get("paging").has("next_cursor") ? page.get("paging").get("next_cursor").asString() : null;
        } while (cursor != null);
        return ids;
    }

    private static HttpRequest.Builder storesRequest(String token) {
        return HttpRequest.newBuilder(server.uri("/evotor-sandbox/api/stores"))
                .header("Authorization", "Bearer " + token).header("Accept", V2);
    }

    private static Answer stores(String token, String cursor) {
        String path = "/evotor-sandbox/api/stores" + (cursor == null ? "" : "?cursor=" + encode(cursor));
        return send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
                .header("Accept", V2));
    }

    private static Answer storesAccepting(String token, String accept) {
        return send(HttpRequest.newBuilder(server.uri("/evotor-sandbox/api/stores"))
                .header("Authorization", "Bearer " + token).header("Accept", accept));
    }

    private static HttpRequest.Builder tokenRequest(String code) {
        return HttpRequest.newBuilder(server.uri("/evotor-sandbox/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", BASIC)
                .POST(HttpRequest.BodyPublishers.ofString(
                        form("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK)));
    }

    private static Answer exchange(String code, String redirectUri) {
        return token(form("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri));
    }

    private static Answer token(String form) {
        return post("/evotor-sandbox/oauth/token", form, "Authorization", BASIC);
    }

    private static void assertOAuthError(int status, String error, Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(error, answer.json().get("error").asString());
    }

    private static Answer get(String pathOrUrl) {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : server.uri(pathOrUrl);
        return send(HttpRequest.newBuilder(uri));
    }

    private static Answer post(String path, String form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private static Answer postJson(String path, String json) {
        return send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            if (built.timeout().isEmpty()) {
                built = HttpRequest.newBuilder(built, (name, value) -> true).timeout(Duration.ofSeconds(30)).build();
            }
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(String... namesAndValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&").append(encode(namesAndValues[i])).append('=')
                    .append(encode(namesAndValues[i + 1]));
        }
        return form.toString();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
