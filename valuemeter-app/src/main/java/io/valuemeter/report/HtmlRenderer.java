package io.valuemeter.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a report as one self-contained HTML page that opens offline: the report's JSON document
 * (exactly what {@link JsonRenderer} writes), the Apache ECharts library from the {@code
 * org.webjars.npm:echarts} WebJar, and the page's own script and styles, all inline.
 *
 * <p>The page's script ({@code report.js} beside this class) builds every chart and table from the
 * embedded JSON, so the page shows the same numbers as {@code --format json}. It marks each number
 * in a table with {@code data-field} (its JSON path) and {@code data-value} (its JSON text).
 */
public final class HtmlRenderer {

  private static final String ECHARTS_POM_PROPERTIES =
      "/META-INF/maven/org.webjars.npm/echarts/pom.properties";

  /** A placeholder in {@code report.html}, such as {@code {{report-json}}}. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z-]+)}}");

  /** Text that would end or confuse an inline script element if it appeared inside it. */
  private static final Pattern SCRIPT_BREAKER =
      Pattern.compile("</script|<!--", Pattern.CASE_INSENSITIVE);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private HtmlRenderer() {}

  /** Writes the report as an HTML page to {@code out} and flushes it, leaving the stream open. */
  public static void render(UsageReport report, OutputStream out) throws IOException {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    JsonRenderer.render(report, json);
    render(json.toByteArray(), out);
  }

  /**
   * Writes the page for a report JSON document in UTF-8, as {@link JsonRenderer} writes it, to
   * {@code out} and flushes it, leaving the stream open.
   *
   * @throws IllegalArgumentException if {@code reportJson} is not one JSON object
   */
  public static void render(byte[] reportJson, OutputStream out) throws IOException {
    String json = new String(reportJson, UTF_8);
    requireJsonObject(json);
    Map<String, String> parts =
        Map.of(
            "report-json", escapeJsonForScript(json),
            "report-css", read("report.css"),
            "echarts-js", requireInlineScript(echartsScript(), "echarts.min.js"),
            "report-js", requireInlineScript(read("report.js"), "report.js"));
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, UTF_8));
    writeTemplate(read("report.html"), parts, writer);
    writer.flush();
  }

  private static void requireJsonObject(String json) {
    JsonNode document;
    try {
      document = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the report JSON is invalid: " + e.getOriginalMessage(), e);
    }
    if (document == null || document.isMissingNode()) {
      throw new IllegalArgumentException("the report JSON is empty");
    }
    if (!document.isObject()) {
      throw new IllegalArgumentException(
          "the report JSON must be one JSON object, as JsonRenderer writes it, but it is a "
              + document.getNodeType().name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Replaces every {@code <} with the JSON escape {@code \u003c}. A {@code <} can only occur inside
   * a JSON string, so the document keeps its meaning, and no {@code </script} or {@code <!--} in a
   * note or file name can end the script element early.
   */
  static String escapeJsonForScript(String json) {
    return json.replace("<", "\\u003c");
  }

  private static String requireInlineScript(String script, String name) {
    Matcher breaker = SCRIPT_BREAKER.matcher(script);
    if (breaker.find()) {
      throw new IllegalStateException(
          name
              + " contains \""
              + breaker.group()
              + "\" at character "
              + breaker.start()
              + ", which would end its inline script element early");
    }
    return script;
  }

  private static void writeTemplate(String template, Map<String, String> parts, Writer writer)
      throws IOException {
    Matcher placeholder = PLACEHOLDER.matcher(template);
    int end = 0;
    while (placeholder.find()) {
      String part = parts.get(placeholder.group(1));
      if (part == null) {
        throw new IllegalStateException(
            "report.html contains the unknown placeholder " + placeholder.group());
      }
      writer.write(template, end, placeholder.start() - end);
      writer.write(part);
      end = placeholder.end();
    }
    writer.write(template, end, template.length() - end);
  }

  /** Reads {@code dist/echarts.min.js} of whichever ECharts WebJar version is on the classpath. */
  private static String echartsScript() throws IOException {
    Properties webJar = new Properties();
    try (InputStream in = HtmlRenderer.class.getResourceAsStream(ECHARTS_POM_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException(
            "the ECharts WebJar (org.webjars.npm:echarts) is not on the classpath: "
                + ECHARTS_POM_PROPERTIES
                + " was not found");
      }
      webJar.load(in);
    }
    String version = webJar.getProperty("version");
    String path = "/META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js";
    return read(path);
  }

  /** Reads a classpath resource, relative to this class's package unless it starts with "/". */
  private static String read(String path) throws IOException {
    try (InputStream in = HtmlRenderer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + path + " was not found on the classpath");
      }
      return new String(in.readAllBytes(), UTF_8);
    }
  }
}
