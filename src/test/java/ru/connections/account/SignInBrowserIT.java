package ru.connections.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import ru.connections.it.support.Accounts;
import ru.connections.it.support.Browser;
import ru.connections.it.support.LibertyServer;
import ru.connections.it.support.SharedServer;

/** What a person does first, in a real (headless) Chromium. */
class SignInBrowserIT {

    private LibertyServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void open() {
        server = SharedServer.get();
        browser = Browser.open("ru-RU,ru");
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void close() {
        browser.quit();
    }

    @Test
    void anonymousVisitRegisterSignInCabinetSignOut() {
        browser.get(server.uri("/").toString());
        wait.until(ExpectedConditions.urlContains("/login"));
        assertEquals("/login", URI.create(browser.getCurrentUrl()).getPath(), "anonymous / lands on sign-in");
        Browser.screenshot(browser, "login");

        browser.findElement(By.id("to-register")).click();
        wait.until(ExpectedConditions.urlContains("/register"));
        String email = Accounts.uniqueEmail("browser");
        browser.findElement(By.id("register:email")).sendKeys(email);
        browser.findElement(By.id("register:password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.id("register:passwordAgain")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.id("register:submit")).click();

        wait.until(ExpectedConditions.urlContains("/login"));
        assertTrue(browser.getPageSource().contains("Аккаунт создан"));
        assertTrue(Browser.iconFontLoads(browser), "the message's icon font loads (no empty boxes)");
        browser.findElement(By.id("login:email")).sendKeys(email);
        browser.findElement(By.id("login:password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.id("login:submit")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("greeting"), email));
        assertEquals("/", URI.create(browser.getCurrentUrl()).getPath());
        assertTrue(browser.findElement(By.id("navbar")).getText().contains("Личный кабинет"));
        assertTrue(browser.findElement(By.id("navbar")).getText().contains("Подключения"));
        assertEquals(email, browser.findElement(By.id("current-user")).getText());
        Browser.screenshot(browser, "cabinet");

        browser.findElement(By.id("signout:submit")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get(server.uri("/").toString());
        wait.until(ExpectedConditions.urlContains("/login"));
        assertEquals("/login", URI.create(browser.getCurrentUrl()).getPath(), "signed out: / needs sign-in again");
    }
}
