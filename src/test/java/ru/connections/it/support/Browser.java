package ru.connections.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by the system chromedriver. Nothing is ever downloaded: if the
 * two packages are missing they are installed from Debian's repository, as CI and a new machine need.
 */
public final class Browser {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private Browser() {
    }

    /** A new headless browser that prefers {@code languages} (e.g. "ru-RU,ru"). */
    public static ChromeDriver open(String languages) {
        ensureInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--lang=" + languages.split(",")[0]);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * Whether PrimeFaces' icon font loads on the current page: without it every icon (messages, close buttons)
     * shows as an empty box.
     */
    public static boolean iconFontLoads(ChromeDriver driver) {
        Object loaded = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "document.fonts.load('1em primeicons').catch(() => null).then(() => done([...document.fonts]"
                + ".some(f => f.family.replace(/[\"']/g, '') === 'primeicons' && f.status === 'loaded')));");
        return Boolean.TRUE.equals(loaded);
    }

    /** Saves what the browser shows to {@code target/screenshots/<name>.png}. */
    public static Path screenshot(ChromeDriver driver, String name) {
        try {
            Path dir = Path.of(System.getProperty("it.output.dir", "target"), "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers a new account through the pages and signs in, landing on {@code next}
     * ("/connections", say); returns the account's email.
     */
    public static String signUp(ChromeDriver driver, LibertyServer server, String prefix, String next) {
        org.openqa.selenium.support.ui.WebDriverWait wait =
                new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(15));
        String email = Accounts.uniqueEmail(prefix);
        driver.get(server.uri("/register").toString());
        driver.findElement(org.openqa.selenium.By.id("register:email")).sendKeys(email);
        driver.findElement(org.openqa.selenium.By.id("register:password")).sendKeys(Accounts.PASSWORD);
        driver.findElement(org.openqa.selenium.By.id("register:passwordAgain")).sendKeys(Accounts.PASSWORD);
        driver.findElement(org.openqa.selenium.By.id("register:submit")).click();
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/login"));
        driver.get(server.uri("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        driver.findElement(org.openqa.selenium.By.id("login:email")).sendKeys(email);
        driver.findElement(org.openqa.selenium.By.id("login:password")).sendKeys(Accounts.PASSWORD);
        driver.findElement(org.openqa.selenium.By.id("login:submit")).click();
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.not(
                org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/login")));
        return email;
    }

    private static synchronized void ensureInstalled() {
        if (CHROMIUM.canExecute() && CHROMEDRIVER.canExecute()) {
            return;
        }
        run(List.of("apt-get", "update", "-qq"));
        run(List.of("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"));
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            throw new IllegalStateException("chromium and chromium-driver could not be installed");
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO()
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
