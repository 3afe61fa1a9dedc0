package io.valuemeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnomaliesCommandTest {

  private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

  private final ObjectMapper mapper = new ObjectMapper();
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  private final ByteArrayOutputStream out = streams.out;
  private final ByteArrayOutputStream err = streams.err;

  @TempDir Path dir;

  @Test
  void anomalies_twelveTimesHour_oneSpikeForThatAgent() throws Exception {
    Path usage = writeUsage();

    int code =
        new CommandLine(new AnomaliesCommand()).execute(usage.toString(), "--format", "json");

    assertThat(code).as("exit code; standard error: %s", err).isZero();
    JsonNode report = mapper.readTree(out.toString(StandardCharsets.UTF_8));
    List<JsonNode> anomalies = new ArrayList<>();
    report.path("anomalies").forEach(anomalies::add);
    assertThat(anomalies).hasSize(1);
    JsonNode spike = anomalies.get(0);
    assertThat(spike.path("kind").asText()).isEqualTo("spike");
    assertThat(spike.path("scope").asText()).isEqualTo("agent=loop");
    assertThat(spike.path("windowStart").asText()).isEqualTo("2025-03-02T04:00:00Z");
    assertThat(spike.path("windowEnd").asText()).isEqualTo("2025-03-02T05:00:00Z");
    // 24 calls against the trailing median of 2 calls: 12x, in cost as in calls
    assertThat(spike.path("magnitude").asDouble()).isEqualTo(12.0);
    assertThat(spike.path("likelyCause").asText()).isEqualTo("agent loop");
  }

  @Test
  void anomalies_scopeWithTwoPoints_insufficientHistory() throws Exception {
    Path usage = writeUsage();

    int code = new CommandLine(new AnomaliesCommand()).execute(usage.toString());

    assertThat(code).as("exit code; standard error: %s", err).isZero();
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("spike agent=loop 2025-03-02T04:00:00Z to 2025-03-02T05:00:00Z");
    assertThat(table)
        .contains(
            "not judged: spike agent=short, insufficient history: 1 of 12 windows with data"
                + " needed");
    assertThat(table).doesNotContain("spike agent=short 2025");
  }

  /**
   * Writes 30 hours of agent "loop" with 2 calls an hour, except 24 calls at hour 28, and 2 hours
   * of agent "short" with 1 call, then 30 calls.
   */
  private Path writeUsage() throws Exception {
    StringBuilder lines = new StringBuilder();
    int id = 0;
    for (int hour = 0; hour < 30; hour++) {
      int calls = hour == 28 ? 24 : 2;
      for (int call = 0; call < calls; call++) {
        lines.append(line(id++, "loop", START.plus(Duration.ofHours(hour)).plusSeconds(call)));
      }
    }
    lines.append(line(id++, "short", START));
    for (int call = 0; call < 30; call++) {
      lines.append(line(id++, "short", START.plus(Duration.ofHours(1)).plusSeconds(call)));
    }
    Path usage = dir.resolve("usage.jsonl");
    Files.writeString(usage, lines.toString());
    return usage;
  }

  private static String line(int id, String agent, Instant time) {
    return "{\"id\":\"c"
        + id
        + "\",\"timestamp\":\""
        + time
        + "\",\"model\":\"gpt-4o\",\"agent\":\""
        + agent
        + "\",\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":100}}\n";
  }
}
