package ru.connections.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import ru.connections.it.support.Await;
import ru.connections.it.support.Browser;
import ru.connections.it.support.EvotorSandbox;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.TestDatabase;

/** What a person sees of the health checker: statuses that change by themselves, and "Проверить сейчас". */
class HealthBrowserIT {

    private static TestDatabase db;
    private static LibertyServer server;
    private static EvotorSandbox sandbox;
    private ChromeDriver browser;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh("health_browser");
        server = LibertyServer.create("it-health-browser", db.serverSettings())
                .set("EVOTOR_SANDBOX_ENABLED", "true")
                .set("HEALTH_CHECK_INTERVAL_SECONDS", "20")
                .set("HEALTH_CHECK_FAILURE_THRESHOLD", "1")
                .startReady();
        sandbox = new EvotorSandbox(server);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void close() {
        browser.quit();
    }

    @Test
    void theCardFollowsEvotorLiveAndCheckNowProbesAtOnce() {
        browser = Browser.open("ru-RU,ru");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Browser.signUp(browser, server, "health-browser", "/connections");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("connect-evotor"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-evotor"), "В сети"));
        browser.executeScript("window.notReloaded = true");

        // Connecting was a check: another one within 10 s is refused with a clear message.
        clickCheckNow(wait);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dashboard:card-messages"), "Повторите через"));

        // Evotor fails: the timer's next check turns the card red, with the reason, without a reload.
        sandbox.mode("server_error");
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-evotor"), "Не в сети"));
        assertEquals("Эвотор отвечает ошибкой", browser.findElement(By.id("reason-evotor")).getText());
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true"));

        // Ten seconds later (the timer's next check is at least 18 s away) the token is revoked:
        // "Проверить сейчас" shows it at once and offers to reconnect.
        Await.pause(Duration.ofMillis(10_500));
        sandbox.mode("revoked");
        clickCheckNow(wait);
        new WebDriverWait(browser, Duration.ofSeconds(6))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("reason-evotor"), "Токен отозван"));
        assertTrue(browser.findElement(By.id("reconnect-evotor")).isDisplayed(), "Переподключить");
        assertEquals(Boolean.TRUE, browser.executeScript("return window.notReloaded === true"));
        Browser.screenshot(browser, "connections-needs-reconnect");
    }

    private void clickCheckNow(WebDriverWait wait) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#card-evotor .check-now"))).click();
    }
}
