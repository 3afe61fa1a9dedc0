package io.valuemeter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.valuemeter.ledger.duckdb.DuckDbLedger;
import io.valuemeter.ledger.duckdb.LedgerImport;
import io.valuemeter.report.InputSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceLoaderTest {

  @TempDir Path dir;

  @Test
  void load_manyFilesInParallel_sameAsFileOrder() throws Exception {
    // 20 files; each response also appears in the next file with the same usage, and every
    // file has one malformed line: parallel parsing must keep file order for every message.
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Path file = dir.resolve(String.format("session-%02d.jsonl", i));
      Files.writeString(file, line(i) + line(i + 1) + "{broken\n");
      files.add(file);
    }
    List<String> messages = new ArrayList<>();
    SourceLoader loader = new SourceLoader(null, null, messages::add, LoadProgress.NONE);

    InputSummary summary;
    try (DuckDbLedger ledger = DuckDbLedger.open(dir.resolve("ledger.duckdb"));
        LedgerImport target = ledger.beginImport()) {
      summary = loader.load(List.of(dir), target, false);
    }

    // responses 0 to 20: 21 distinct, 40 lines read
    assertThat(summary.imported()).isEqualTo(21);
    assertThat(summary.duplicates()).isEqualTo(19);
    assertThat(summary.rejected()).isEqualTo(20);
    List<String> rejectedFiles = new ArrayList<>();
    for (Rejection rejection : summary.rejections()) {
      rejectedFiles.add(Path.of(rejection.file()).getFileName().toString());
    }
    assertThat(rejectedFiles)
        .containsExactlyElementsOf(files.stream().map(f -> f.getFileName().toString()).toList());
  }

  private static String line(int response) {
    return "{\"type\":\"assistant\",\"timestamp\":\"2025-06-01T10:00:00Z\",\"sessionId\":\"s\","
        + "\"requestId\":\"req_"
        + response
        + "\",\"message\":{\"id\":\"msg_"
        + response
        + "\",\"model\":\"claude-sonnet-4-20250514\",\"usage\":{\"input_tokens\":3,"
        + "\"output_tokens\":10}}}\n";
  }
}
