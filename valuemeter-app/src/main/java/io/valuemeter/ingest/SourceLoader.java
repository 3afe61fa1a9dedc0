package io.valuemeter.ingest;

import io.valuemeter.ingest.claudecode.ClaudeCodeReader;
import io.valuemeter.ingest.codex.CodexReader;
import io.valuemeter.ingest.tabular.ColumnMapping;
import io.valuemeter.ingest.tabular.TabularReader;
import io.valuemeter.ledger.duckdb.LedgerImport;
import io.valuemeter.ledger.duckdb.MergeCounts;
import io.valuemeter.report.InputSummary;
import io.valuemeter.usage.Outcome;
import io.valuemeter.usage.UsageRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads files and folders into a {@link LedgerImport}: finds the files, decides each one's format
 * and runs its reader.
 *
 * <p>Format detection looks at the first non-blank line: Claude Code and Codex logs are recognised
 * by their fields, and anything else is read as CSV or JSONL by its extension. {@code --source}
 * overrides detection for every file.
 */
public final class SourceLoader {

  /** Rejections kept in the summary; the count goes on past it. */
  public static final int MAX_LISTED_REJECTIONS = 100;

  private static final int SNIFF_LIMIT_CHARS = 1 << 16;
  private static final int MAX_LISTED_DUPLICATES = 20;

  /** Threads that parse files while the calling thread stores records. */
  private static final int READER_THREADS =
      Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

  private final SourceFormat forcedFormat;
  private final ColumnMapping mapping;
  private ColumnMapping outcomeMapping;
  private final Consumer<String> diagnostics;
  private final LoadProgress progress;

  /**
   * Creates a loader.
   *
   * @param forcedFormat the format of every file, or null to detect it per file
   * @param mapping the column mapping for CSV and JSONL, or null to recognise usual field names
   * @param diagnostics receives one line per rejection and note, for standard error
   * @param progress receives counts as reading goes on
   */
  public SourceLoader(
      SourceFormat forcedFormat,
      ColumnMapping mapping,
      Consumer<String> diagnostics,
      LoadProgress progress) {
    this.forcedFormat = forcedFormat;
    this.mapping = mapping;
    this.diagnostics = diagnostics;
    this.progress = progress;
  }

  /**
   * Reads every file under the paths into {@code target}, then commits the import.
   *
   * @param strict when true, any rejection fails the load before anything is stored
   * @throws StrictModeException when {@code strict} is set and a row was rejected
   */
  public InputSummary load(List<Path> paths, LedgerImport target, boolean strict)
      throws IOException {
    return load(paths, List.of(), target, strict);
  }

  /**
   * Reads usage files and outcome files into {@code target}, then commits the import.
   *
   * @param outcomeFiles CSV or JSONL files of outcomes, one row per task
   * @see #load(List, LedgerImport, boolean)
   */
  public InputSummary load(
      List<Path> paths, List<Path> outcomeFiles, LedgerImport target, boolean strict)
      throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      files.addAll(expand(path));
    }
    if (files.isEmpty()) {
      diagnostics.accept(
          "no .jsonl, .ndjson or .csv files found under "
              + String.join(", ", paths.stream().map(Path::toString).toList())
              + "; nothing was read");
    }
    Counter counter = new Counter(target);
    progress.start(files.size(), totalBytes(files));
    if (files.size() > 1) {
      try (OrderedParallelReader parallel = new OrderedParallelReader(READER_THREADS)) {
        parallel.readAll(files, this::readFile, counter, file -> progress.fileDone(size(file)));
      }
    } else {
      for (Path file : files) {
        readFile(file, counter);
        progress.fileDone(size(file));
      }
    }
    for (Path file : outcomeFiles) {
      readOutcomeFile(file, counter);
    }
    for (String duplicate : target.duplicateOutcomeTasks(MAX_LISTED_DUPLICATES)) {
      diagnostics.accept(duplicate);
    }
    if (strict && counter.rejected > 0) {
      progress.finish();
      throw new StrictModeException(counter.rejected);
    }
    progress.merging();
    MergeCounts merged = target.commit();
    progress.finish();
    return new InputSummary(
        files.size(),
        merged.newRecords(),
        merged.duplicates(),
        counter.rejected,
        List.copyOf(counter.rejections),
        merged.outcomeRowsRead(),
        List.copyOf(counter.notes));
  }

  /** Sets the column mapping for outcome files; without one their usual column names apply. */
  public SourceLoader withOutcomeMapping(ColumnMapping outcomeMapping) {
    this.outcomeMapping = outcomeMapping;
    return this;
  }

  /** Returns the files a path stands for: itself, or the usage files under a folder, sorted. */
  public static List<Path> expand(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException(path + " not found; check the path");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile).filter(SourceLoader::isUsageFile).sorted().toList();
    }
  }

  private static boolean isUsageFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".csv");
  }

  private void readFile(Path file, OrderedParallelReader.FileSink counter) {
    String displayName = file.toString();
    try {
      if (!Files.isReadable(file)) {
        counter.reject(
            new Rejection(displayName, 0, null, null, "cannot be read; check its permissions"));
        return;
      }
      if (Files.size(file) == 0) {
        counter.reject(
            new Rejection(displayName, 0, null, null, "is empty; nothing was read from it"));
        return;
      }
      UsageReader reader = readerFor(file);
      counter.startFile(displayName, reader.name());
      reader.read(file, displayName, counter);
    } catch (IOException | UncheckedIOException e) {
      counter.reject(
          new Rejection(displayName, 0, null, null, "could not be read: " + e.getMessage()));
    }
  }

  private void readOutcomeFile(Path file, Counter counter) throws IOException {
    String displayName = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new IOException("outcome file " + file + " not found; check the path");
    }
    if (Files.size(file) == 0) {
      counter.reject(
          new Rejection(displayName, 0, null, null, "is empty; no outcome was read from it"));
      return;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    TabularReader.Format format =
        name.endsWith(".csv") ? TabularReader.Format.CSV : TabularReader.Format.JSONL;
    counter.startFile(displayName, "outcomes-" + format.label());
    new TabularReader(format, outcomeMapping, true).read(file, displayName, counter);
  }

  private UsageReader readerFor(Path file) throws IOException {
    SourceFormat format = forcedFormat != null ? forcedFormat : detect(file);
    switch (format) {
      case CLAUDE_CODE:
        return new ClaudeCodeReader();
      case CODEX:
        return new CodexReader();
      case CSV:
        return new TabularReader(TabularReader.Format.CSV, mapping);
      case JSONL:
        return new TabularReader(TabularReader.Format.JSONL, mapping);
      default:
        throw new IllegalArgumentException("no reader for " + format);
    }
  }

  /** Decides a file's format from its first non-blank line and its extension. */
  public SourceFormat detect(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return SourceFormat.CSV;
    }
    String first = firstNonBlankLine(file);
    if (mapping == null && first != null) {
      if (CodexReader.looksLike(first)) {
        return SourceFormat.CODEX;
      }
      if (ClaudeCodeReader.looksLike(first)) {
        return SourceFormat.CLAUDE_CODE;
      }
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return SourceFormat.JSONL;
    }
    if (first != null && first.startsWith("{")) {
      return SourceFormat.JSONL;
    }
    throw new IllegalArgumentException(
        "cannot tell the format of this file; pass --source " + SourceFormat.labels());
  }

  private static String firstNonBlankLine(Path file) throws IOException {
    // Invalid UTF-8 is replaced rather than fatal, so that the reader can reject the bad line.
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
      int read = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        read += line.length();
        if (!line.isBlank()) {
          return line.strip();
        }
        if (read > SNIFF_LIMIT_CHARS) {
          return null;
        }
      }
      return null;
    }
  }

  private static long totalBytes(List<Path> files) {
    long total = 0;
    for (Path file : files) {
      total += size(file);
    }
    return total;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Passes records on to the import and counts what arrives. */
  private final class Counter implements OrderedParallelReader.FileSink {
    private final LedgerImport target;
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long rejected;
    private String format;
    private String file;
    private long outcomesInFile;

    Counter(LedgerImport target) {
      this.target = target;
    }

    @Override
    public void accept(UsageRecord record) {
      target.add(record, format);
      progress.recordRead();
    }

    @Override
    public void acceptOutcome(Outcome outcome) {
      outcomesInFile++;
      target.add(outcome, file + " outcome " + outcomesInFile);
    }

    @Override
    public void startFile(String displayName, String formatName) {
      file = displayName;
      format = formatName;
      outcomesInFile = 0;
    }

    @Override
    public void reject(Rejection rejection) {
      rejected++;
      if (rejections.size() < MAX_LISTED_REJECTIONS) {
        rejections.add(rejection);
        diagnostics.accept("rejected: " + rejection.message());
      } else if (rejections.size() == MAX_LISTED_REJECTIONS && rejected == rejections.size() + 1) {
        diagnostics.accept(
            "more rejections follow; only the first " + MAX_LISTED_REJECTIONS + " are listed");
      }
    }

    @Override
    public void note(String message) {
      notes.add(message);
      diagnostics.accept(message);
    }
  }
}
