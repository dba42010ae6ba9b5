package io.floe.agent.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.floe.agent.process.AgentProcess;
import io.floe.agent.process.FluentConf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The live status page at {@code /} on the monitor port, in a real headless chromium against the real
 * agent process: every plugin is on it, and its numbers move by themselves while events flow.
 */
class StatusPageIT {
    /** Kept after the run so a person can look at what the browser rendered. */
    private static final Path SCREENSHOT = Path.of("target", "status-page.png");

    @TempDir
    Path dir;

    @Test
    void rendersEveryPluginAndItsNumbersMoveWhileEventsFlow() throws Exception {
        int port = AgentProcess.freePort();
        String config = FluentConf.monitor(port, "@id monitor")
                + FluentConf.source("sample", "@id in_sample", "tag app.web", "rate 200", "sample {\"log\":\"GET / 200\"}")
                + FluentConf.match("app.**", "copy",
                FluentConf.store("file", "@id out_file", "path " + dir.resolve("out/app"), FluentConf.buffer("flush_mode interval", "flush_interval 1s")),
                FluentConf.store("null", "@id out_null"));
        try (AgentProcess agent = AgentProcess.running(dir, "fluent.conf", config)) {
            ChromeDriver browser = Chromium.start(dir.resolve("profile"), 1280, 720);
            try {
                browser.get("http://127.0.0.1:" + port + "/");
                await().atMost(Duration.ofSeconds(60)).until(() -> polls(browser) >= 1);

                for (String id : List.of("monitor", "in_sample", "out_file", "out_null")) {
                    assertEquals(1, browser.findElements(By.cssSelector("tr[data-plugin-id='" + id + "']")).size(),
                            "a row for " + id);
                }
                long firstSample = value(browser, "in_sample", "emit_records");
                long firstFile = value(browser, "out_file", "emit_records");
                int firstPoll = polls(browser);

                // The page refreshes itself: no reload, no click; wait for two more polls.
                await().atMost(Duration.ofSeconds(60)).until(() -> polls(browser) >= firstPoll + 2);
                assertTrue(value(browser, "in_sample", "emit_records") > firstSample, "input count moved");
                assertTrue(value(browser, "out_file", "emit_records") > firstFile, "output count moved");
                assertTrue(rate(browser, "in_sample") > 0, "input rate shown");
                assertTrue(rate(browser, "out_file") > 0, "output rate shown");
                await().atMost(Duration.ofSeconds(60)).until(() -> value(browser, "out_file", "write_count") > 0);
                assertTrue(cell(browser, "out_file", "buffer_fill").getText().endsWith("%"), "buffer fill shown");
                String inRate = browser.findElement(By.cssSelector("[data-field='in_rate']")).getText();
                assertTrue(inRate.matches("[0-9.]+k?"), "the summary shows the input rate: " + inRate);

                Files.createDirectories(SCREENSHOT.getParent());
                Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }

    private static int polls(ChromeDriver browser) {
        Object n = browser.executeScript("return Number(document.body.dataset.polls || 0);");
        return ((Number) n).intValue();
    }

    private static WebElement cell(ChromeDriver browser, String pluginId, String field) {
        return browser.findElement(By.cssSelector("tr[data-plugin-id='" + pluginId + "'] td[data-field='" + field + "']"));
    }

    private static long value(ChromeDriver browser, String pluginId, String field) {
        String v = cell(browser, pluginId, field).getAttribute("data-value");
        return v == null || v.isEmpty() ? 0 : (long) Double.parseDouble(v);
    }

    private static double rate(ChromeDriver browser, String pluginId) {
        String v = cell(browser, pluginId, "rate").getAttribute("data-value");
        return v == null || v.isEmpty() ? 0 : Double.parseDouble(v);
    }
}
