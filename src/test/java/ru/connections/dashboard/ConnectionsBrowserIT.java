package ru.connections.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import ru.connections.it.support.Browser;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.TestDatabase;

/**
 * The connections page in headless Chromium on PostgreSQL, with one extra provider that exists only
 * in the tests: cards, badges, the live update, connect and disconnect, English, narrow screens.
 */
class ConnectionsBrowserIT {

    private static TestDatabase database;
    private static LibertyServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String email;

    @BeforeAll
    static void server() {
        database = TestDatabase.fresh("connections_browser");
        server = LibertyServer.create("it-connections", database.serverSettings())
                .set("EVOTOR_SANDBOX_ENABLED", "true")
                // The test changes statuses in the database itself, as the health checker would.
                .set("HEALTH_CHECK_ENABLED", "false")
                .withTestClasses(TestOnlyProvider.class)
                .startReady();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void close() {
        browser.quit();
    }

    private void signIn(String languages) {
        browser = Browser.open(languages);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        email = Browser.signUp(browser, server, "cards", "/connections");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card-evotor")));
    }

    private String badge(String id) {
        return browser.findElement(By.id("status-" + id)).getText();
    }

    @Test
    void cardsFollowTheConnectionThroughEveryState() {
        signIn("ru-RU,ru");
        assertEquals("/connections", URI.create(browser.getCurrentUrl()).getPath());
        String navbar = browser.findElement(By.id("navbar")).getText();
        assertTrue(navbar.contains("Подключения") && !navbar.contains("Эвотор"), navbar);

        // Not connected: grey, "Подключить", never checked.
        assertEquals("Не подключено", badge("evotor"));
        assertEquals("NOT_CONNECTED", browser.findElement(By.id("card-evotor")).getAttribute("data-status"));
        assertEquals("Ещё не проверялось", browser.findElement(By.id("checked-evotor")).getText());
        assertEquals("Тестовый сервис", browser.findElement(By.cssSelector("#card-test-only h2")).getText(),
                "the test-only provider's card is there without any change to the page");
        Browser.screenshot(browser, "connections-not-connected");

        // Connect through the OAuth flow: green, store names, a check time.
        browser.findElement(By.id("connect-evotor")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-evotor"), "В сети"));
        assertEquals("/connections", URI.create(browser.getCurrentUrl()).getPath());
        assertTrue(browser.findElement(By.id("messages")).getText().contains("Эвотор подключён"));
        assertEquals("Магазин на Ленина +2", browser.findElement(By.cssSelector("#card-evotor .details")).getText());
        WebElement checked = browser.findElement(By.id("checked-evotor"));
        assertTrue(checked.getText().matches("(?i).*(сейчас|секунд|минут).*"), checked.getText());
        assertFalse(checked.getAttribute("title").isEmpty(), "the exact time on hover");
        Browser.screenshot(browser, "connections-online");

        // The status changes in the database (as the health checker does): red within 5 s, no reload.
        browser.executeScript("window.notReloaded = true");
        database.update("UPDATE evotor_connections SET is_online = FALSE WHERE user_id ="
                + " (SELECT id FROM users WHERE email = ?)", email);
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-evotor"), "Не в сети"));
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true"), "no reload");
        Browser.screenshot(browser, "connections-offline");

        // Disconnect, after the confirmation: grey again.
        browser.findElement(By.cssSelector("#card-evotor .disconnect")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("dashboard:confirm-yes"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-evotor"), "Не подключено"));
        assertTrue(browser.findElement(By.id("messages")).getText().contains("Эвотор отключён"));
        assertEquals(0, database.queryLong("SELECT count(*) FROM evotor_connections c JOIN users u"
                + " ON u.id = c.user_id WHERE u.email = ?", email));
    }

    @Test
    void englishWhenTheBrowserAsksForItAndNoSidewaysScrollingAt375Pixels() {
        signIn("en-US,en");
        assertEquals("Not connected", badge("evotor"));
        assertEquals("Connect", browser.findElement(By.id("connect-evotor")).getText());
        assertEquals("Test service", browser.findElement(By.cssSelector("#card-test-only h2")).getText());
        assertTrue(browser.findElement(By.id("navbar")).getText().contains("Connections"));

        browser.manage().window().setSize(new Dimension(375, 800));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("card-evotor")));
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0L, ((Number) overflow).longValue(), "no horizontal scrolling at 375 px");
        Browser.screenshot(browser, "connections-375px");
    }

    @Test
    void anonymousVisitGoesToSignIn() {
        browser = Browser.open("ru-RU,ru");
        browser.get(server.uri("/connections").toString());
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/login"));
        assertEquals("/login", URI.create(browser.getCurrentUrl()).getPath());
    }
}
