package ru.connections.evotor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import ru.connections.it.support.Browser;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.SharedServer;

/** The OAuth flow as a person clicks through it, in headless Chromium against the simulated Evotor. */
class EvotorBrowserIT {

    private LibertyServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void open() {
        server = SharedServer.get();
        browser = Browser.open("ru-RU,ru");
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Browser.signUp(browser, server, "evotor-browser", "/");
    }

    @AfterEach
    void close() {
        browser.quit();
    }

    @Test
    void approveConnectsAndShowsTheStoreThenDisconnect() {
        browser.get(server.uri("/evotor").toString());
        assertTrue(browser.findElement(By.id("sandbox-badge")).isDisplayed(), "the sandbox is announced");
        browser.findElement(By.id("connect")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
        Browser.screenshot(browser, "evotor-consent");
        browser.findElement(By.id("approve")).click();

        // Back on the connections page, with the message and the store on the Evotor card.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#card-evotor .details"),
                "Магазин на Ленина"));
        assertTrue(browser.findElement(By.id("messages")).getText().contains("Эвотор подключён"));
        browser.get(server.uri("/evotor").toString());
        assertEquals("Эвотор подключён", browser.findElement(By.id("evotor-state")).getText());
        assertTrue(browser.findElement(By.id("evotor-stores")).getText().startsWith("Магазин на Ленина"));
        Browser.screenshot(browser, "evotor-connected");

        browser.findElement(By.id("disconnect:submit")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("disconnect:confirm-yes"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-evotor"), "Не подключено"));
        assertTrue(browser.findElement(By.id("messages")).getText().contains("Эвотор отключён"));
    }

    @Test
    void denyShowsThatTheUserDeclinedAndSavesNothing() {
        browser.get(server.uri("/evotor").toString());
        browser.findElement(By.id("connect")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("deny"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Вы отказались"));
        assertEquals("Не подключено", browser.findElement(By.id("status-evotor")).getText());
    }
}
