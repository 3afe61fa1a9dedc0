package io.valuemeter.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAlertSinkTest {

  @TempDir Path dir;

  @Test
  void send_twoAlerts_appendsOneLineEach() throws Exception {
    Path file = dir.resolve("alerts.jsonl");
    JsonLinesAlertSink sink = new JsonLinesAlertSink(file);

    sink.send(Alerts.threshold("2025-03-01T00:00:00Z"));
    sink.send(Alerts.loop());

    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"kind\":\"BUDGET_THRESHOLD\","
                + "\"key\":\"budget-threshold/ci-daily/agent:ci/2025-03-01T00:00:00Z/0.8\","
                + "\"time\":\"2025-03-01T12:30:00Z\","
                + "\"message\":\"Budget \\\"ci-daily\\\" for scope \\\"agent:ci\\\" reached 80% of"
                + " its limit.\","
                + "\"details\":{\"budget\":\"ci-daily\",\"threshold\":\"0.8\",\"spentUsd\":\"0.8\"}}\n"
                + "{\"kind\":\"ANOMALY\",\"key\":\"loop/agent:ci\",\"time\":\"2025-03-01T12:31:00Z\","
                + "\"message\":\"A loop was detected for scope \\\"agent:ci\\\".\","
                + "\"details\":{\"evidence\":\"40 calls in 60 s\"}}\n");
    assertThat(sink.failedAlerts()).isZero();
  }

  @Test
  void send_existingFile_appends() throws Exception {
    Path file = dir.resolve("alerts.jsonl");
    Files.writeString(file, "{\"earlier\":true}\n");

    new JsonLinesAlertSink(file).send(Alerts.loop());

    assertThat(Files.readAllLines(file)).hasSize(2);
    assertThat(Files.readAllLines(file).get(0)).isEqualTo("{\"earlier\":true}");
  }

  @Test
  void send_missingFolder_countedNotThrown() {
    JsonLinesAlertSink sink = new JsonLinesAlertSink(dir.resolve("missing/alerts.jsonl"));

    sink.send(Alerts.loop());

    assertThat(sink.failedAlerts()).isEqualTo(1);
  }
}
