package io.tenanttwilio.example.clinic;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the system's packages ({@code /usr/bin/chromium}, {@code
 * /usr/bin/chromedriver}; {@code .ci/run} installs them), driven by Selenium, with the steps the
 * scenarios share. Without Chromium the tests are skipped with a message, except in CI.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = System.getProperty("clinic.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("clinic.chromedriver", "/usr/bin/chromedriver");

    private final WebDriver driver;
    private final String base;
    private final WebDriverWait wait;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        // A page that reloads (after a form is sent, or on a live update) replaces the element a
        // condition was reading: read it again rather than fail.
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /** A browser whose language is {@code language} ({@code fr-CA}, {@code en-US}), on the app at {@code base}. */
    static Browser open(String base, String language) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(
                        "Chromium and ChromeDriver are required in CI: " + CHROMIUM + ", " + CHROMEDRIVER);
            }
            System.err.println("[clinic-app] SKIPPING browser tests: no " + CHROMIUM + " or " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver)");
            Assumptions.abort("Chromium is not installed");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1000",
                "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), base);
    }

    WebDriver driver() {
        return driver;
    }

    void go(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Clicks what sends a form, and waits until the page it leads to has replaced this one. */
    void submit(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        click(css);
        wait.until(ExpectedConditions.stalenessOf(page));
    }

    /** Chooses the option of a {@code <select>} whose value is {@code value}. */
    void select(String css, String value) {
        new Select(find(css)).selectByValue(value);
    }

    /** Waits until the element's attribute has the value, the page reloading meanwhile or not. */
    void waitForAttribute(String css, String attribute, String value) {
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(css), attribute, value));
    }

    /** Waits until the page's text contains {@code text}. */
    void waitForText(String text) {
        wait.until(d -> {
            try {
                return d.findElement(By.tagName("body")).getText().contains(text);
            } catch (WebDriverException e) {
                // The page was replaced between finding its body and reading it; Chrome reports
                // that as an inspector error rather than a stale element. Look again.
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return false;
                }
                throw e;
            }
        });
    }

    String page() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Opens the "new message" panel of the inbox, when it is closed. */
    void openNewMessage() {
        WebElement details = find("details.new-message");
        if (details.getAttribute("open") == null) {
            click("details.new-message summary");
        }
    }

    void signIn(String user) {
        go("/login");
        type("#username", user);
        type("#password", Organizations.PASSWORD);
        click("#login-submit");
        find("#organization-name");
    }

    void signOut() {
        driver.manage().deleteAllCookies();
    }

    /** Saves a screenshot of the page as {@code target/screenshots/<name>.png}, for reviewers. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot save the screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
