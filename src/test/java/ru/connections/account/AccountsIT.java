package ru.connections.account;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.connections.it.support.Accounts.PASSWORD;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.connections.it.support.Accounts;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.SharedServer;
import ru.connections.it.support.WebClient;
import ru.connections.it.support.WebClient.Page;

/** Registration, sign-in and sign-out on a real server, on PostgreSQL and on embedded Derby. */
class AccountsIT {

    private static LibertyServer server;

    @BeforeAll
    static void server() {
        server = SharedServer.get();
    }

    @Test
    void registerSignInSeeTheCabinetAndSignOut() {
        WebClient browser = new WebClient(server);
        String email = Accounts.uniqueEmail("anna");

        Page registered = Accounts.register(browser, email, PASSWORD, PASSWORD);
        assertEquals("/login", locationPath(registered));
        Page login = browser.get("/login");
        assertTrue(login.infos().contains("Аккаунт создан"), login.infos());

        Page signedIn = Accounts.signIn(browser, email.toUpperCase(), PASSWORD);
        assertEquals("/", locationPath(signedIn));
        Page cabinet = browser.get("/");
        assertEquals(200, cabinet.status());
        assertEquals("Здравствуйте, " + email + "!", cabinet.text("greeting"));
        assertEquals(email, cabinet.text("current-user"));
        assertTrue(cabinet.body().contains("Личный кабинет") && cabinet.body().contains("Выйти"));

        Page signedOut = browser.submit(cabinet, "signout", Map.of(), "submit");
        assertEquals("/login", locationPath(signedOut));
        assertEquals("/login", locationPath(browser.get("/")), "after sign-out the cabinet needs a sign-in again");
    }

    @Test
    void anonymousVisitorsGoToSignInAndReturnToThePageTheyAskedFor() {
        WebClient browser = new WebClient(server);
        assertEquals("/login", locationPath(browser.get("/")));
        Page redirected = browser.get("/index?tab=1");
        assertEquals("/login?next=%2Findex%3Ftab%3D1", redirected.location().replaceFirst("^http://[^/]+", ""));

        String email = Accounts.uniqueEmail("return");
        Accounts.register(browser, email, PASSWORD, PASSWORD);
        Page form = browser.get(redirected.location());
        Page signedIn = browser.submit(form, "login", Map.of("email", email, "password", PASSWORD), "submit");
        assertEquals("/index?tab=1", signedIn.location().replaceFirst("^http://[^/]+", ""));
    }

    @Test
    void signInNeverReturnsToAnotherSite() {
        WebClient browser = new WebClient(server);
        String email = Accounts.uniqueEmail("redirect");
        Accounts.register(browser, email, PASSWORD, PASSWORD);
        for (String next : new String[] {"https://evil.example/", "//evil.example/", "/\\evil.example"}) {
            Page form = browser.get("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            Page signedIn = browser.submit(form, "login", Map.of("email", email, "password", PASSWORD), "submit");
            assertEquals("http://localhost:" + server.uri("/").getPort() + "/", signedIn.location(), next);
        }
    }

    @Test
    void badRegistrationsSayWhatIsWrongAndCreateNothing() {
        WebClient browser = new WebClient(server);
        String taken = Accounts.uniqueEmail("taken");
        Accounts.register(browser, taken, PASSWORD, PASSWORD);

        Map<String, String[]> cases = Map.of(
                "duplicate", new String[] {taken.toUpperCase(), PASSWORD, PASSWORD, "уже есть"},
                "malformed", new String[] {"not-an-email", PASSWORD, PASSWORD, "не похоже на адрес"},
                "short", new String[] {Accounts.uniqueEmail("short"), "1234567", "1234567", "слишком короткий"},
                "mismatch", new String[] {Accounts.uniqueEmail("mismatch"), PASSWORD, PASSWORD + "x", "не совпадают"},
                "long email", new String[] {"a".repeat(250) + "@example.com", PASSWORD, PASSWORD, "слишком длинный"},
                "long password", new String[] {Accounts.uniqueEmail("longpw"), "p".repeat(129), "p".repeat(129),
                        "слишком длинный"});
        cases.forEach((name, c) -> {
            Page page = Accounts.register(browser, c[0], c[1], c[2]);
            assertAll(name,
                    () -> assertEquals(200, page.status(), "stays on the form"),
                    () -> assertTrue(page.errors().contains(c[3]), page.errors()),
                    () -> assertEquals(c[0], page.document().getElementById("register:email").val(),
                            "what was typed is kept"));
            if (!name.equals("duplicate")) {
                Page signIn = Accounts.signIn(new WebClient(server), c[0], c[1]);
                assertFalse(WebClient.isRedirect(signIn), name + ": no account was created");
            }
        });
        assertTrue(Accounts.signIn(new WebClient(server), taken, PASSWORD).status() == 302,
                "the duplicate attempt left the first account as it was");
    }

    @Test
    void messagesAreInEnglishWhenTheBrowserPrefersIt() {
        WebClient english = new WebClient(server, "en-US,en;q=0.9");
        Page page = Accounts.register(english, "nope", "short", "short");
        assertTrue(page.errors().contains("does not look like an email"), page.errors());
        assertTrue(page.errors().contains("too short"), page.errors());
        assertEquals("en", page.document().select("html").attr("lang"));

        Page other = Accounts.register(new WebClient(server, "de-DE,de;q=0.9"), "nope", "short", "short");
        assertEquals("ru", other.document().select("html").attr("lang"), "unsupported languages get Russian");
    }

    @Test
    void htmlAndSqlTypedIntoFieldsAreStoredAndShownAsText() {
        WebClient browser = new WebClient(server);
        String email = "<b>o'brien</b>-" + Accounts.uniqueEmail("x") ;
        String password = "'; DROP TABLE users; --";
        assertEquals(302, Accounts.register(browser, email, password, password).status());
        assertEquals(302, Accounts.signIn(browser, email, password).status());
        Page cabinet = browser.get("/");
        assertEquals(email.toLowerCase(), cabinet.text("current-user"));
        assertTrue(cabinet.body().contains("&lt;b&gt;o'brien&lt;/b&gt;"), "escaped in the page source");
        assertFalse(cabinet.document().select("#greeting b").size() > 0, "no markup injected");
    }

    @Test
    void wrongPasswordIsRefusedAndFiveOfThemLockTheAccount() {
        WebClient browser = new WebClient(server);
        String email = Accounts.uniqueEmail("guess");
        Accounts.register(browser, email, PASSWORD, PASSWORD);

        Page wrong = Accounts.signIn(browser, email, "wrong-password");
        assertEquals(200, wrong.status());
        assertTrue(wrong.errors().contains("Неверная электронная почта или пароль"), wrong.errors());
        assertEquals(email, wrong.document().getElementById("login:email").val(), "the email stays typed in");

        for (int i = 2; i <= 4; i++) {
            assertTrue(Accounts.signIn(browser, email, "wrong-" + i).errors().contains("Неверная"));
        }
        Page fifth = Accounts.signIn(browser, email, "wrong-5");
        assertTrue(fifth.errors().contains("Слишком много неудачных попыток"), fifth.errors());

        Page correctButLocked = Accounts.signIn(browser, email, PASSWORD);
        assertEquals(200, correctButLocked.status(), "even the right password is refused while locked");
        assertTrue(correctButLocked.errors().contains("Попробуйте снова через 15 мин"), correctButLocked.errors());

        Page otherAccount = Accounts.signIn(new WebClient(server), Accounts.uniqueEmail("nobody"), "whatever-1");
        assertTrue(otherAccount.errors().contains("Неверная"), "other accounts are not affected");
    }

    @Test
    void pagesCarrySecurityHeadersAndSignInCookiesAreOutOfScriptsReach() {
        WebClient browser = new WebClient(server);
        Page login = browser.get("/login");
        assertEquals("nosniff", login.headers().get("x-content-type-options"));
        assertTrue(login.headers().get("content-security-policy").contains("frame-ancestors 'none'"));

        String email = Accounts.uniqueEmail("cookie");
        Accounts.register(browser, email, PASSWORD, PASSWORD);
        Page signedIn = Accounts.signIn(browser, email, PASSWORD);
        String cookies = signedIn.headers().getOrDefault("set-cookie", "");
        assertFalse(cookies.isEmpty(), "signing in sets a cookie");
        // The sign-in rides on the HTTP session alone: no LTPA single-sign-on cookie, whose re-issue on every
        // request of a session (with @AutoApplySession) filled Liberty's authentication cache.
        assertFalse(cookies.contains("CONNECTIONS_SSO") || cookies.contains("LtpaToken2"), cookies);
        Page again = browser.get("/");
        assertEquals(200, again.status(), "still signed in on the next request");
        assertFalse(String.valueOf(again.headers().get("set-cookie")).contains("CONNECTIONS_SSO"));
        for (String cookie : cookies.split(", (?=[A-Za-z0-9_]+=)")) {
            assertTrue(cookie.contains("HttpOnly"), cookie);
            assertTrue(cookie.contains("SameSite=Lax") || cookie.contains("Max-Age=0") || cookie.contains("Expires=Thu, 01 Dec 1994"), cookie);
        }
    }

    private static String locationPath(Page page) {
        assertTrue(WebClient.isRedirect(page), "expected a redirect, got " + page.status() + ": " + page.errors());
        return java.net.URI.create(page.location()).getPath();
    }
}
