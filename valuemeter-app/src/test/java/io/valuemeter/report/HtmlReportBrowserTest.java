package io.valuemeter.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.valuemeter.cli.ValueMeterCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the HTML report in headless Chromium and checks that the page draws without JavaScript
 * errors and shows exactly the numbers of the report's JSON document.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} packages ({@code
 * /usr/bin/chromium} and {@code /usr/bin/chromedriver}). Without them the browser tests are
 * skipped, unless the environment variable or system property {@code VALUEMETER_REQUIRE_BROWSER} is
 * {@code true}, in which case they fail. The page of the terminal-bench report is saved as a
 * screenshot to {@code valuemeter-report.png} in {@code java.io.tmpdir}.
 */
class HtmlReportBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String REQUIRE_BROWSER = "VALUEMETER_REQUIRE_BROWSER";

  private static final Path TERMINAL_BENCH =
      Path.of("src/test/resources/terminal-bench/trial_token_usage.csv");
  private static final Path MAPPING = Path.of("../examples/terminal-bench.mapping");
  private static final Path CLAUDE_CODE = Path.of("src/test/resources/claude-code");

  /** Records uncaught errors, rejected promises and blocked requests before the page's scripts. */
  private static final String ERROR_COLLECTOR =
      "window.__pageErrors = [];"
          + "window.addEventListener('error', function (e) {"
          + "  window.__pageErrors.push('error: ' + e.message + ' at ' + e.filename + ':' + e.lineno);"
          + "});"
          + "window.addEventListener('unhandledrejection', function (e) {"
          + "  window.__pageErrors.push('unhandled rejection: ' + e.reason);"
          + "});"
          + "document.addEventListener('securitypolicyviolation', function (e) {"
          + "  window.__pageErrors.push('blocked by the content security policy: ' + e.blockedURI);"
          + "});";

  /** One step of a data-field path: {@code .name}, {@code [3]} or {@code ["any name"]}. */
  private static final Pattern PATH_STEP =
      Pattern.compile("\\.?([A-Za-z_$][A-Za-z0-9_$]*)|\\[(\\d+)]|\\[(\"(?:[^\"\\\\]|\\\\.)*\")]");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static ChromeDriver browser;

  @TempDir static Path dir;

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void terminalBenchByModel_pageMatchesJson() throws Exception {
    byte[] json =
        reportJson(
            "report",
            TERMINAL_BENCH.toString(),
            "--mapping",
            MAPPING.toString(),
            "--by",
            "model",
            "--format",
            "json");
    JsonNode report = MAPPER.readTree(json);

    ChromeDriver page = open(json, "terminal-bench.html");

    assertThat(chartCount(page)).as("drawn charts").isGreaterThan(0);
    assertThat(elementCount(page, "#chart-cost-per-success canvas"))
        .as("canvas of the cost-per-success chart")
        .isEqualTo(1);
    assertThat(barChartValues(page, "chart-cost-per-success"))
        .as("cost per success plotted for each group")
        .isEqualTo(expectedBarValues(report, "costPerSuccessUsd"));
    assertThat(elementCount(page, "#unpriced-models-table tbody tr"))
        .as("rows of the unpriced models table")
        .isEqualTo(report.path("unpricedModels").size());
    assertThat(elementCount(page, "#groups-cost .badge-unpriced"))
        .as("groups marked unpriced")
        .isEqualTo(countGroups(report, group -> group.path("unpricedCalls").asLong() > 0));
    assertPageShowsJsonNumbers(page, report);

    saveScreenshot(page, Path.of(System.getProperty("java.io.tmpdir"), "valuemeter-report.png"));
  }

  @Test
  void claudeCodeByDay_drawsCostOverTime() throws Exception {
    byte[] json =
        reportJson(
            "report",
            CLAUDE_CODE.toString(),
            "--by",
            "day,model",
            "--tz",
            "UTC",
            "--format",
            "json");
    JsonNode report = MAPPER.readTree(json);

    ChromeDriver page = open(json, "claude-code.html");

    assertThat(elementCount(page, "#chart-cost-over-time canvas"))
        .as("canvas of the cost-over-time chart")
        .isEqualTo(1);
    assertThat(elementCount(page, "#rejections tbody tr"))
        .as("rows of the rejections table")
        .isEqualTo(report.path("records").path("rejections").size());
    assertPageShowsJsonNumbers(page, report);
  }

  @Test
  void laterSections_drawnFromJson() throws Exception {
    ObjectNode report = (ObjectNode) MAPPER.readTree(terminalBenchJson());
    String hostileNote = "a note with </script><script>window.__injected = true</script><!-- in it";
    ((ArrayNode) report.path("records").path("notes")).add(hostileNote);
    ArrayNode keyMetrics = report.putArray("keyMetrics");
    keyMetrics.add(
        MAPPER.readTree(
            "{\"name\": \"cost per success\", \"period\": \"2025-11\", \"value\": 0.9224803519,"
                + " \"target\": 0.5, \"trend\": \"up\", \"pass\": false}"));
    keyMetrics.add(
        MAPPER.readTree(
            "{\"name\": \"success rate\", \"period\": \"2025-11\", \"value\": 0.1935796096,"
                + " \"target\": 0.15, \"trend\": \"down\", \"pass\": true}"));
    report
        .putArray("triggers")
        .add(
            MAPPER.readTree(
                "{\"name\": \"cost per success above target\","
                    + " \"scope\": \"model=claude-opus-4-1-20250805\","
                    + " \"evidence\": \"$2.648649 per success against a target of $0.50\"}"));
    report.set(
        "verdict",
        MAPPER.readTree(
            "{\"optimise\": true, \"reasons\": [\"cost per success is above its target\"]}"));
    // 123.45678912345678912 has more significant digits than a double can represent.
    report.set(
        "advice",
        MAPPER.readTree(
            "{\"models\": [{\"model\": \"claude-opus-4-1-20250805\", \"switchTo\": \"gpt-5\","
                + " \"savingUsd\": 123.45678912345678912}],"
                + " \"caching\": {\"cacheableShare\": 0.42, \"note\": \"no cache reads yet\"}}"));
    report.set("forecast", MAPPER.readTree("{\"nextMonthCostUsd\": 700.123456789}"));
    byte[] json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report);

    ChromeDriver page = open(json, "later-sections.html");

    assertThat(elementCount(page, "#key-metrics tbody tr")).as("key metric rows").isEqualTo(2);
    assertThat(elementCount(page, "#triggers tbody tr")).as("trigger rows").isEqualTo(1);
    assertThat(elementCount(page, "#verdict.verdict-optimise")).as("optimise verdict").isEqualTo(1);
    assertThat(text(page, "#verdict")).contains("cost per success is above its target");
    assertThat(text(page, "#advice")).contains("Models").contains("Caching").contains("gpt-5");
    assertThat(elementCount(page, "#extra-forecast")).as("unknown section drawn").isEqualTo(1);
    assertThat(page.executeScript("return window.__injected === undefined"))
        .as("the note's script tag did not run")
        .isEqualTo(true);
    assertThat(text(page, "#notes")).contains(hostileNote);
    assertThat(attribute(page, "[data-field='advice.models[0].savingUsd']", "data-value"))
        .isEqualTo("123.45678912345678912");
    assertPageShowsJsonNumbers(page, report);
  }

  @Test
  void scriptEndInJson_escapedInPage() throws Exception {
    ObjectNode report = (ObjectNode) MAPPER.readTree(terminalBenchJson());
    ((ArrayNode) report.path("records").path("notes")).add("</script><!-- </SCRIPT >");
    byte[] json = MAPPER.writeValueAsBytes(report);

    String html = renderHtml(json);

    String startTag = "<script type=\"application/json\" id=\"report-data\">";
    int start = html.indexOf(startTag) + startTag.length();
    int end = html.indexOf("</script>", start);
    String embedded = html.substring(start, end);
    assertThat(embedded).doesNotContainIgnoringCase("</script").doesNotContain("<!--");
    assertThat(MAPPER.readTree(embedded)).isEqualTo(report);
  }

  @Test
  void page_loadsNothingFromOutside() throws Exception {
    String html = renderHtml(terminalBenchJson());

    assertThat(html).doesNotContainPattern("<script[^>]*\\ssrc=");
    assertThat(html).doesNotContainPattern("<link[^>]*\\shref=");
    assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
  }

  // ---------------------------------------------------------------------------------------------
  // Page checks

  /**
   * Checks every element with {@code data-field}: its {@code data-value} is the number at that JSON
   * path, and its text is that number as the terminal table formats it. Then checks that every
   * number of the JSON document is on the page, except the cost of a fully unpriced group, which
   * shows "-".
   */
  private static void assertPageShowsJsonNumbers(ChromeDriver page, JsonNode report) {
    @SuppressWarnings("unchecked")
    List<Map<String, String>> cells =
        (List<Map<String, String>>)
            page.executeScript(
                "return Array.from(document.querySelectorAll('[data-field]')).map(e => ({"
                    + " field: e.dataset.field, value: e.dataset.value,"
                    + " format: e.dataset.format || '', text: e.textContent }));");
    assertThat(cells).as("elements with data-field").isNotEmpty();

    SoftAssertions softly = new SoftAssertions();
    for (Map<String, String> cell : cells) {
      String field = cell.get("field");
      JsonNode node = at(report, field);
      softly.assertThat(node.isMissingNode()).as("%s names a JSON member", field).isFalse();
      if ("null".equals(cell.get("value"))) {
        softly.assertThat(node.isNull()).as("%s is null in the JSON", field).isTrue();
        softly.assertThat(cell.get("text")).as("text of %s", field).isEqualTo("-");
        continue;
      }
      softly.assertThat(node.isNumber()).as("%s is a number in the JSON", field).isTrue();
      if (!node.isNumber()) {
        continue;
      }
      BigDecimal pageValue = new BigDecimal(cell.get("value"));
      softly
          .assertThat(pageValue)
          .as("data-value of %s", field)
          .isEqualByComparingTo(node.decimalValue());
      softly
          .assertThat(cell.get("text"))
          .as("text of %s (format %s)", field, cell.get("format"))
          .isEqualTo(tableText(node.decimalValue(), cell.get("format")));
    }

    List<String> pageFields = cells.stream().map(cell -> cell.get("field")).toList();
    Map<String, JsonNode> numbers = new LinkedHashMap<>();
    collectNumbers(report, "", numbers);
    for (String path : numbers.keySet()) {
      if (isCostOfUnpricedSummary(report, path)) {
        continue;
      }
      softly.assertThat(pageFields).as("fields shown on the page").contains(path);
    }
    softly.assertAll();
  }

  /** Formats a number as {@link Amounts} does for the terminal table. */
  private static String tableText(BigDecimal value, String format) {
    return switch (format) {
      case "usd" -> Amounts.usd(value);
      case "usd-exact" -> "$" + Amounts.plain(value);
      case "percent" -> Amounts.percent(value);
      case "count" -> Amounts.count(value.longValueExact());
      case "plain" -> Amounts.plain(value);
      default -> throw new AssertionError("unknown data-format \"" + format + "\"");
    };
  }

  /** Returns whether the path is the costUsd of a summary whose calls were all unpriced. */
  private static boolean isCostOfUnpricedSummary(JsonNode report, String path) {
    if (!path.endsWith(".costUsd")) {
      return false;
    }
    JsonNode summary = at(report, path.substring(0, path.length() - ".costUsd".length()));
    return summary.path("calls").asLong() > 0 && summary.path("pricedCalls").asLong() == 0;
  }

  /** Collects every number of the document by its path, written as the page writes paths. */
  private static void collectNumbers(JsonNode node, String path, Map<String, JsonNode> numbers) {
    if (node.isNumber()) {
      numbers.put(path, node);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectNumbers(node.get(i), path + "[" + i + "]", numbers);
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> members = node.fields();
      while (members.hasNext()) {
        Map.Entry<String, JsonNode> member = members.next();
        collectNumbers(member.getValue(), childPath(path, member.getKey()), numbers);
      }
    }
  }

  private static String childPath(String path, String name) {
    if (IDENTIFIER.matcher(name).matches()) {
      return path.isEmpty() ? name : path + "." + name;
    }
    try {
      return path + "[" + MAPPER.writeValueAsString(name) + "]";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the node at a data-field path such as {@code groups[3].tokens.input}. */
  private static JsonNode at(JsonNode root, String path) {
    JsonNode node = root;
    Matcher step = PATH_STEP.matcher(path);
    int end = 0;
    while (step.lookingAt()) {
      if (step.group(1) != null) {
        node = node.path(step.group(1));
      } else if (step.group(2) != null) {
        node = node.path(Integer.parseInt(step.group(2)));
      } else {
        try {
          node = node.path(MAPPER.readValue(step.group(3), String.class));
        } catch (IOException e) {
          throw new AssertionError("invalid quoted name in data-field " + path, e);
        }
      }
      end = step.end();
      step.region(end, path.length());
    }
    if (end != path.length()) {
      throw new AssertionError("invalid data-field path " + path + " at character " + end);
    }
    return node;
  }

  private static Map<String, Double> expectedBarValues(JsonNode report, String field) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (JsonNode group : report.path("groups")) {
      if (group.path(field).isNumber()) {
        values.put(group.path("key").path("model").asText(), group.path(field).doubleValue());
      }
    }
    return values;
  }

  /** Returns the plotted value of each category of a horizontal bar chart, read from ECharts. */
  private static Map<String, Double> barChartValues(ChromeDriver page, String chartId) {
    @SuppressWarnings("unchecked")
    Map<String, List<Object>> option =
        (Map<String, List<Object>>)
            page.executeScript(
                "const option = echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                    + ".getOption();"
                    + "return { names: option.yAxis[0].data, values: option.series[0].data };",
                chartId);
    Map<String, Double> values = new LinkedHashMap<>();
    List<Object> names = option.get("names");
    for (int i = 0; i < names.size(); i++) {
      values.put((String) names.get(i), ((Number) option.get("values").get(i)).doubleValue());
    }
    return values;
  }

  private static long countGroups(
      JsonNode report, java.util.function.Predicate<JsonNode> condition) {
    long count = 0;
    for (JsonNode group : report.path("groups")) {
      if (condition.test(group)) {
        count++;
      }
    }
    return count;
  }

  private static long chartCount(ChromeDriver page) {
    return ((Number)
            page.executeScript(
                "return Array.from(document.querySelectorAll('.chart canvas, .chart svg'))"
                    + ".filter(e => e.getBoundingClientRect().width > 0"
                    + " && e.getBoundingClientRect().height > 0).length;"))
        .longValue();
  }

  private static long elementCount(ChromeDriver page, String selector) {
    return ((Number)
            page.executeScript("return document.querySelectorAll(arguments[0]).length;", selector))
        .longValue();
  }

  private static String text(ChromeDriver page, String selector) {
    return (String)
        page.executeScript(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
            selector);
  }

  private static String attribute(ChromeDriver page, String selector, String name) {
    return (String)
        page.executeScript(
            "const e = document.querySelector(arguments[0]);"
                + " return e ? e.getAttribute(arguments[1]) : null;",
            selector,
            name);
  }

  // ---------------------------------------------------------------------------------------------
  // Report, page and browser

  private static byte[] terminalBenchJson() {
    return reportJson(
        "report",
        TERMINAL_BENCH.toString(),
        "--mapping",
        MAPPING.toString(),
        "--by",
        "model",
        "--format",
        "json");
  }

  /** Runs the command line and returns what it wrote to standard output. */
  private static byte[] reportJson(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    int exitCode;
    try {
      System.setOut(new PrintStream(out, true, UTF_8));
      List<String> quiet = new ArrayList<>(List.of(args));
      quiet.add("--quiet");
      exitCode = ValueMeterCommand.execute(quiet.toArray(String[]::new));
    } finally {
      System.setOut(originalOut);
    }
    assertThat(exitCode).as("exit code of valuemeter " + String.join(" ", args)).isZero();
    return out.toByteArray();
  }

  private static String renderHtml(byte[] json) throws IOException {
    ByteArrayOutputStream html = new ByteArrayOutputStream();
    HtmlRenderer.render(json, html);
    return html.toString(UTF_8);
  }

  /**
   * Writes the page for a report JSON document, opens it, waits until its script has drawn it and
   * checks that it raised no error and loaded nothing.
   */
  private static ChromeDriver open(byte[] json, String fileName) throws IOException {
    Path file = dir.resolve(fileName);
    try (var out = Files.newOutputStream(file)) {
      HtmlRenderer.render(json, out);
    }
    ChromeDriver page = browser();
    page.get(file.toUri().toString());
    new WebDriverWait(page, Duration.ofSeconds(30))
        .withMessage("the page's script did not set document.body.dataset.ready")
        .until(driver -> page.executeScript("return document.body.dataset.ready || null;"));

    assertThat((List<?>) page.executeScript("return window.__pageErrors;"))
        .as("JavaScript errors on the page")
        .isEmpty();
    assertThat(severeBrowserLogEntries(page)).as("browser console errors").isEmpty();
    assertThat(page.executeScript("return document.body.dataset.ready;"))
        .as("document.body.dataset.ready")
        .isEqualTo("true");
    assertThat(page.executeScript("return performance.getEntriesByType('resource').length;"))
        .as("resources the page loaded")
        .isEqualTo(0L);
    return page;
  }

  private static List<String> severeBrowserLogEntries(ChromeDriver page) {
    List<String> severe = new ArrayList<>();
    try {
      for (LogEntry entry : page.manage().logs().get(LogType.BROWSER)) {
        if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
          severe.add(entry.getMessage());
        }
      }
    } catch (WebDriverException | UnsupportedOperationException e) {
      // NOTE: a ChromeDriver without the legacy log endpoint leaves only window.__pageErrors.
      System.err.println("Browser console log not available: " + e.getMessage());
    }
    return severe;
  }

  /** Saves the whole page, not only the window, as a PNG. */
  private static void saveScreenshot(ChromeDriver page, Path target) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics =
        (Map<String, Object>) page.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x", 0,
            "y", 0,
            "width", size.get("width"),
            "height", size.get("height"),
            "scale", 1);
    Map<String, Object> screenshot =
        page.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Files.write(target, Base64.getDecoder().decode((String) screenshot.get("data")));
  }

  /** Starts headless Chromium once for the class, or skips (or fails) when it is not installed. */
  private static ChromeDriver browser() throws IOException {
    if (browser != null) {
      return browser;
    }
    for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(program)) {
        String message =
            program
                + " is missing, so the HTML report was not checked in a browser; install the"
                + " Debian packages chromium and chromium-driver";
        if (browserRequired()) {
          fail(REQUIRE_BROWSER + " is true, but " + message);
        }
        Assumptions.abort(message + ", or set " + REQUIRE_BROWSER + "=true to fail instead");
      }
    }

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Without the background-networking flags Chromium tries to reach Google's hosts at start.
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1440,1000",
        "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));

    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);

    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);

    browser.executeCdpCommand("Page.enable", Map.of());
    browser.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_COLLECTOR));
    return browser;
  }

  private static boolean browserRequired() {
    String value = System.getProperty(REQUIRE_BROWSER, System.getenv(REQUIRE_BROWSER));
    return "true".equalsIgnoreCase(value);
  }
}
