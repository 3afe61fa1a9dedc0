package io.valuemeter.ingest.tabular;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.valuemeter.ingest.Rejection;
import io.valuemeter.ingest.UsageReader;
import io.valuemeter.ingest.UsageSink;
import io.valuemeter.ingest.tabular.ColumnMapping.Field;
import io.valuemeter.ingest.tabular.UsageShape.Detection;
import io.valuemeter.usage.Attribution;
import io.valuemeter.usage.Outcome;
import io.valuemeter.usage.TokenUsage;
import io.valuemeter.usage.UsageMode;
import io.valuemeter.usage.UsageRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV files or JSON Lines files whose rows are LLM calls or agent runs, one usage record per
 * row, through a {@link ColumnMapping}.
 *
 * <p>Create one reader per format: {@code new TabularReader(Format.CSV, mapping)} has the name
 * {@code csv} and {@code new TabularReader(Format.JSONL, mapping)} has the name {@code jsonl}. With
 * a null mapping, or one that maps no token column (for example only {@code default.model}), the
 * reader recognises the OpenAI or Anthropic usage shape by its field names (see {@link
 * UsageShape#detect}) and applies the given mapping on top of the recognised one. It sends one
 * {@link UsageSink#note} per file saying which shape or mapping it used.
 *
 * <p>Line numbers in rejections: for CSV the number is the CSV record number with the header
 * counted as line 1, so the first data row is line 2. It equals the physical line unless the file
 * has blank lines or quoted values that span lines. For JSONL it is the physical line, 1-based.
 *
 * <p>When {@code success} is mapped, a row with a non-empty success cell also yields an {@link
 * Outcome} for the task in the task column. Without a task column, or with an empty one, the
 * record's id is the task id and is also set as the record's {@link Attribution#task()}, so that
 * the outcome and its record stay linked.
 *
 * <p>Without a mapped id, or with an empty id cell, a record's id is {@code row:} followed by the
 * first 32 hex digits of the SHA-256 of the file name (without directories), the line number and
 * the row text, so reading the same file again yields the same ids. For CSV the row text is the
 * trimmed values joined with commas.
 *
 * <p>The reader streams: it keeps one row at a time in memory. Bytes that are not valid UTF-8 are
 * replaced with U+FFFD.
 */
public final class TabularReader implements UsageReader {

  /** The file formats this reader handles. */
  public enum Format {
    /** Comma-separated values with a header row. */
    CSV("csv"),
    /** JSON Lines: one JSON object per line. */
    JSONL("jsonl");

    private final String label;

    Format(String label) {
      this.label = label;
    }

    /** Returns the name used by {@code --source}. */
    public String label() {
      return label;
    }
  }

  private static final CSVFormat CSV_FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setTrim(true)
          .setIgnoreEmptyLines(true)
          .get();

  // Floats are read as BigDecimal from their text, so a cost of 0.10 stays exactly 0.10.
  private static final ObjectReader JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build()
          .reader();

  private static final int MAX_LISTED_FIELDS = 40;
  private static final int MAX_JSON_DEPTH = 4;

  /** Column names recognised in an outcome file without a mapping, by field, first match wins. */
  private static final Map<Field, List<String>> OUTCOME_COLUMNS =
      Map.of(
          Field.TASK, List.of("task_id", "task", "taskId", "id"),
          Field.SUCCESS, List.of("success", "succeeded", "resolved", "passed"),
          Field.VALUE, List.of("value_usd", "value"),
          Field.ATTEMPTS, List.of("attempts"),
          Field.REWORK, List.of("rework", "rework_needed"),
          Field.HUMAN_MINUTES, List.of("human_minutes", "review_minutes"),
          Field.ESCALATED, List.of("escalated", "escalated_to_human"),
          Field.TIME, List.of("timestamp", "time", "created_at"));

  private final Format format;
  private final ColumnMapping mapping;
  private final boolean outcomesOnly;

  /**
   * Creates a reader of one format.
   *
   * @param format CSV or JSONL
   * @param mappingOrNull the column mapping, or null to recognise the usage shape by field names
   */
  public TabularReader(Format format, ColumnMapping mappingOrNull) {
    this(format, mappingOrNull, false);
  }

  /**
   * Creates a reader of one format that reads either usage rows or, with {@code outcomesOnly},
   * outcome rows: a task id and a success flag, with optional value, attempts, rework, human
   * minutes, escalation and time. Without a mapping, outcome columns are found by their usual names
   * ({@code task_id}, {@code success}, {@code value}, {@code attempts}, {@code rework}, {@code
   * human_minutes}, {@code escalated}, {@code timestamp}).
   */
  public TabularReader(Format format, ColumnMapping mappingOrNull, boolean outcomesOnly) {
    this.format = format;
    this.mapping = mappingOrNull;
    this.outcomesOnly = outcomesOnly;
  }

  @Override
  public String name() {
    return format.label();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the file is empty, when the mapping names a CSV column
   *     that is not in the header, or when no mapping is given and no usage shape is recognised
   */
  @Override
  public void read(Path file, String displayName, UsageSink sink) throws IOException {
    switch (format) {
      case CSV -> readCsv(file, displayName, sink);
      case JSONL -> readJsonl(file, displayName, sink);
      default -> throw new IllegalStateException("unhandled format " + format);
    }
  }

  private void readCsv(Path file, String displayName, UsageSink sink) throws IOException {
    try (BufferedReader reader = open(file);
        CSVParser parser = parseCsvHeader(reader, displayName)) {
      List<String> header = parser.getHeaderNames();
      if (header.isEmpty()) {
        throw new IllegalArgumentException(
            displayName
                + " is empty: it has no header row. A CSV source needs a first row that names its"
                + " columns.");
      }
      Detection plan = resolve(header, false, displayName, "columns");
      CsvRow row = new CsvRow(plan.mapping(), header, displayName);
      RowConverter converter = new RowConverter(plan.mapping(), file, displayName);
      converter.outcomesOnly = outcomesOnly;
      sink.note(noteFor(displayName, plan));

      Iterator<CSVRecord> records = parser.iterator();
      while (true) {
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException e) {
          if (!(e.getCause() instanceof CSVException)) {
            throw e.getCause();
          }
          // The parser cannot resume after a quoting error, so the rest of the file is lost.
          sink.reject(
              new Rejection(
                  displayName,
                  parser.getRecordNumber() + 2,
                  null,
                  null,
                  "is not valid CSV ("
                      + e.getCause().getMessage()
                      + "), so this row and the rest of the file were not read; fix the quotes"
                      + " in this row and read the file again"));
          break;
        }
        long line = record.getRecordNumber() + 1;
        if (record.size() != header.size()) {
          sink.reject(
              new Rejection(
                  displayName,
                  line,
                  null,
                  String.join(",", record.values()),
                  "has "
                      + record.size()
                      + " values but the header has "
                      + header.size()
                      + " columns; check the row for unquoted commas or missing values"));
          continue;
        }
        if (Rejection.hasInvalidUtf8(String.join(",", record.values()))) {
          sink.reject(new Rejection(displayName, line, null, null, Rejection.INVALID_UTF8));
          continue;
        }
        row.record = record;
        converter.convert(row, line, sink);
      }
    }
  }

  private static CSVParser parseCsvHeader(BufferedReader reader, String displayName)
      throws IOException {
    try {
      return CSV_FORMAT.parse(reader);
    } catch (CSVException e) {
      throw new IllegalArgumentException(
          displayName + ": the header row is not valid CSV: " + e.getMessage(), e);
    }
  }

  private void readJsonl(Path file, String displayName, UsageSink sink) throws IOException {
    try (BufferedReader reader = open(file)) {
      RowConverter converter = null;
      JsonRow row = null;
      boolean anyContent = false;
      long lineNumber = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        anyContent = true;
        if (Rejection.hasInvalidUtf8(line)) {
          sink.reject(new Rejection(displayName, lineNumber, null, null, Rejection.INVALID_UTF8));
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          sink.reject(
              new Rejection(
                  displayName,
                  lineNumber,
                  null,
                  line,
                  "is not valid JSON ("
                      + e.getOriginalMessage()
                      + "); each line of a JSONL file must be one JSON object"));
          continue;
        }
        if (!node.isObject()) {
          sink.reject(
              new Rejection(
                  displayName,
                  lineNumber,
                  null,
                  line,
                  "is not a JSON object; each line of a JSONL file must be one JSON object"));
          continue;
        }
        if (converter == null) {
          // The first object decides the shape, because JSONL has no header.
          Detection plan = resolve(fieldPaths(node), true, displayName, "fields");
          row = new JsonRow(plan.mapping());
          converter = new RowConverter(plan.mapping(), file, displayName);
          converter.outcomesOnly = outcomesOnly;
          sink.note(noteFor(displayName, plan));
        }
        row.node = node;
        row.line = line;
        converter.convert(row, lineNumber, sink);
      }
      if (!anyContent) {
        throw new IllegalArgumentException(
            displayName
                + " is empty: it has no non-blank lines. A JSONL source needs one JSON object per"
                + " line.");
      }
    }
  }

  /**
   * Returns the mapping to read a file with: the given one when it maps a token column, else the
   * recognised shape with the given mapping applied on top.
   */
  private Detection outcomePlan(List<String> names, String displayName, String namesWord) {
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<Field, List<String>> entry : OUTCOME_COLUMNS.entrySet()) {
      for (String candidate : entry.getValue()) {
        if (names.contains(candidate)) {
          pairs.add(entry.getKey().key() + "=" + candidate);
          break;
        }
      }
    }
    ColumnMapping detected = ColumnMapping.ofPairs(pairs, "the usual outcome column names");
    ColumnMapping plan = mapping == null ? detected : detected.merge(mapping);
    if (plan.column(Field.TASK).isEmpty() || plan.column(Field.SUCCESS).isEmpty()) {
      throw new IllegalArgumentException(
          displayName
              + ": an outcome file needs a task id and a success column, found "
              + namesWord
              + " "
              + String.join(", ", names)
              + "; name them task_id and success, or map them with --outcome-map task=COLUMN"
              + " --outcome-map success=COLUMN");
    }
    return new Detection(plan, UsageShape.MAPPED, "outcome columns " + plan.columns().values());
  }

  private Detection resolve(
      List<String> names, boolean jsonl, String displayName, String namesWord) {
    if (outcomesOnly) {
      return outcomePlan(names, displayName, namesWord);
    }
    Detection plan;
    if (mapping != null && mapping.mapsTokenColumn()) {
      String semantics =
          mapping.promptIncludesCache()
              ? "prompt_tokens includes cached tokens"
              : "input excludes cached tokens";
      plan =
          new Detection(
              mapping,
              UsageShape.MAPPED,
              "the column mapping from " + mapping.origin() + " (" + semantics + ")");
    } else {
      Detection detected =
          UsageShape.detect(names, jsonl)
              .orElseThrow(() -> unrecognisedShape(names, displayName, namesWord));
      plan =
          mapping == null
              ? detected
              : new Detection(
                  detected.mapping().merge(mapping),
                  detected.shape(),
                  detected.description()
                      + " with the column mapping from "
                      + mapping.origin()
                      + " applied on top");
    }
    List<String> problems = plan.mapping().readingProblems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          displayName
              + ": the column mapping from "
              + plan.mapping().origin()
              + " cannot be used: "
              + String.join("; ", problems));
    }
    return plan;
  }

  private IllegalArgumentException unrecognisedShape(
      List<String> names, String displayName, String namesWord) {
    String start =
        mapping == null
            ? displayName + ": no column mapping was given and the " + namesWord
            : displayName
                + ": the column mapping from "
                + mapping.origin()
                + " maps no token column and the "
                + namesWord;
    return new IllegalArgumentException(
        start
            + " do not match a known usage shape, which needs "
            + UsageShape.expectedNames()
            + ". "
            + capitalize(namesWord)
            + " found: "
            + listed(names)
            + ". Pass --mapping FILE or --map field=column, for example --map input=COLUMN"
            + " --map output=COLUMN --map model=COLUMN.");
  }

  private static String noteFor(String displayName, Detection plan) {
    String verb = plan.shape() == UsageShape.MAPPED ? "read with " : "recognised ";
    return displayName + ": " + verb + plan.description();
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String listed(List<String> names) {
    if (names.size() <= MAX_LISTED_FIELDS) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_LISTED_FIELDS))
        + " and "
        + (names.size() - MAX_LISTED_FIELDS)
        + " more";
  }

  /** Returns the dotted paths of the fields of an object and its nested objects. */
  private static List<String> fieldPaths(JsonNode node) {
    List<String> paths = new ArrayList<>();
    collectPaths(node, "", 1, paths);
    return paths;
  }

  private static void collectPaths(JsonNode node, String prefix, int depth, List<String> paths) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String path = prefix + field.getKey();
      paths.add(path);
      if (field.getValue().isObject() && depth < MAX_JSON_DEPTH) {
        collectPaths(field.getValue(), path + ".", depth + 1, paths);
      }
    }
  }

  /** Opens a file as UTF-8, skipping a byte-order mark. */
  private static BufferedReader open(Path file) throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
    try {
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
    } catch (IOException e) {
      reader.close();
      throw e;
    }
    return reader;
  }

  /** The values of one source row, by mapped field and tag. */
  private interface Row {

    /** Returns the value of a field as text, null when unmapped, missing or JSON null. */
    String value(Field field) throws RowException;

    /** Returns the value of the tag at {@code index} of the mapping's tag columns. */
    String tagValue(int index) throws RowException;

    /** Returns the row as text, for ids derived from the row. */
    String rawText();
  }

  /** A CSV record viewed through the column positions of the mapping. */
  private static final class CsvRow implements Row {

    private final int[] positionByField = new int[Field.values().length];
    private final int[] tagPositions;
    private CSVRecord record;

    /**
     * Resolves the mapped columns to header positions.
     *
     * @throws IllegalArgumentException when a mapped column is missing from the header or appears
     *     in it more than once
     */
    CsvRow(ColumnMapping mapping, List<String> header, String displayName) {
      Map<String, Integer> positions = new HashMap<>();
      Set<String> duplicates = new LinkedHashSet<>();
      for (int i = 0; i < header.size(); i++) {
        if (positions.putIfAbsent(header.get(i), i) != null) {
          duplicates.add(header.get(i));
        }
      }
      List<String> missing = new ArrayList<>();
      List<String> ambiguous = new ArrayList<>();
      Arrays.fill(positionByField, -1);
      for (Map.Entry<Field, String> entry : mapping.columns().entrySet()) {
        String column = entry.getValue();
        checkColumn(
            entry.getKey().key(), column, positions, duplicates, header, missing, ambiguous);
        positionByField[entry.getKey().ordinal()] = positions.getOrDefault(column, -1);
      }
      tagPositions = new int[mapping.tagColumns().size()];
      int tagIndex = 0;
      for (Map.Entry<String, String> entry : mapping.tagColumns().entrySet()) {
        String column = entry.getValue();
        String key = ColumnMapping.TAG_PREFIX + entry.getKey();
        checkColumn(key, column, positions, duplicates, header, missing, ambiguous);
        tagPositions[tagIndex++] = positions.getOrDefault(column, -1);
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(
            displayName
                + ": the column mapping from "
                + mapping.origin()
                + (missing.size() == 1 ? " names a column" : " names columns")
                + " not in the header: "
                + String.join(", ", missing)
                + ". Columns in "
                + displayName
                + ": "
                + String.join(", ", header)
                + ". Use one of these names in the mapping file or with --map field=column.");
      }
      if (!ambiguous.isEmpty()) {
        throw new IllegalArgumentException(
            displayName
                + ": the header has more than one column named "
                + String.join(", ", ambiguous)
                + ", so the mapping is ambiguous; rename the duplicate columns in the file");
      }
    }

    private static void checkColumn(
        String key,
        String column,
        Map<String, Integer> positions,
        Set<String> duplicates,
        List<String> header,
        List<String> missing,
        List<String> ambiguous) {
      if (!positions.containsKey(column)) {
        String problem = key + " = \"" + column + "\"";
        for (String name : header) {
          if (name.equalsIgnoreCase(column)) {
            problem += " (the header has \"" + name + "\")";
            break;
          }
        }
        missing.add(problem);
      } else if (duplicates.contains(column)) {
        ambiguous.add("\"" + column + "\"");
      }
    }

    @Override
    public String value(Field field) {
      int position = positionByField[field.ordinal()];
      return position < 0 ? null : record.get(position);
    }

    @Override
    public String tagValue(int index) {
      return record.get(tagPositions[index]);
    }

    /** Returns the values joined with commas, because the parser does not keep the raw line. */
    @Override
    public String rawText() {
      return String.join(",", record.values());
    }
  }

  /** A JSON object viewed through the dotted paths of the mapping. */
  private static final class JsonRow implements Row {

    private final String[][] pathByField = new String[Field.values().length][];
    private final String[] columnByField = new String[Field.values().length];
    private final String[][] tagPaths;
    private final String[] tagColumns;
    private JsonNode node;
    private String line;

    JsonRow(ColumnMapping mapping) {
      for (Map.Entry<Field, String> entry : mapping.columns().entrySet()) {
        int index = entry.getKey().ordinal();
        columnByField[index] = entry.getValue();
        pathByField[index] = entry.getValue().split("\\.", -1);
      }
      tagColumns = mapping.tagColumns().values().toArray(String[]::new);
      tagPaths = new String[tagColumns.length][];
      for (int i = 0; i < tagColumns.length; i++) {
        tagPaths[i] = tagColumns[i].split("\\.", -1);
      }
    }

    @Override
    public String value(Field field) throws RowException {
      int index = field.ordinal();
      String[] path = pathByField[index];
      return path == null ? null : text(lookup(path, columnByField[index]), columnByField[index]);
    }

    @Override
    public String tagValue(int index) throws RowException {
      return text(lookup(tagPaths[index], tagColumns[index]), tagColumns[index]);
    }

    @Override
    public String rawText() {
      return line;
    }

    /** Follows a dotted path. A key that itself contains dots is also found as a whole. */
    private JsonNode lookup(String[] path, String column) {
      JsonNode current = node;
      for (String segment : path) {
        current = current.get(segment);
        if (current == null) {
          break;
        }
      }
      if (current == null && path.length > 1) {
        current = node.get(column);
      }
      return current;
    }

    private static String text(JsonNode value, String column) throws RowException {
      if (value == null || value.isNull() || value.isMissingNode()) {
        return null;
      }
      if (value.isTextual()) {
        return value.textValue().trim();
      }
      if (value.isNumber() && !value.isIntegralNumber()) {
        return value.decimalValue().toPlainString();
      }
      if (value.isValueNode()) {
        return value.asText();
      }
      throw new RowException(
          column,
          value.toString(),
          "is a JSON "
              + (value.isArray() ? "array" : "object")
              + " where a single value was expected; map a field inside it with a dotted path"
              + " such as usage.prompt_tokens");
    }
  }

  /** A row that cannot be read, with the column at fault and the reason. */
  private static final class RowException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String column;
    private final String value;

    RowException(String column, String value, String reason) {
      super(reason, null, false, false);
      this.column = column;
      this.value = value;
    }
  }

  /** Turns rows of one file into records and outcomes, or rejections. */
  private static final class RowConverter {

    private static final BigDecimal MILLIS_THRESHOLD = new BigDecimal("1e11");

    /** Money and minutes are stored as DECIMAL(38,18), so values must stay below 10^20. */
    private static final BigDecimal MAX_DECIMAL = new BigDecimal("1e20");

    private static final BigDecimal MICROS_THRESHOLD = new BigDecimal("1e14");
    private static final DateTimeFormatter DATE_TIME =
        new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .parseLenient()
            .optionalStart()
            .appendOffsetId()
            .optionalEnd()
            .optionalStart()
            .appendLiteral('[')
            .parseCaseSensitive()
            .appendZoneRegionId()
            .appendLiteral(']')
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private final ColumnMapping mapping;
    private final String displayName;
    private final String idPrefix;
    private final boolean promptIncludesCache;
    private final boolean successMapped;
    private final String[] tagNames;
    private final MessageDigest sha256;

    private boolean outcomesOnly;

    RowConverter(ColumnMapping mapping, Path file, String displayName) {
      this.mapping = mapping;
      this.displayName = displayName;
      Path fileName = file.getFileName();
      this.idPrefix = (fileName == null ? file.toString() : fileName.toString()) + ":";
      this.promptIncludesCache = mapping.promptIncludesCache();
      this.successMapped = mapping.column(Field.SUCCESS).isPresent();
      this.tagNames = mapping.tagColumns().keySet().toArray(String[]::new);
      try {
        this.sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime provides SHA-256", e);
      }
    }

    /** Converts one row and sends its record and outcome, or its rejection, to the sink. */
    void convert(Row row, long line, UsageSink sink) {
      if (outcomesOnly) {
        convertOutcome(row, line, sink);
        return;
      }
      UsageRecord record;
      Outcome outcome = null;
      try {
        String id = text(row, Field.ID);
        if (id == null) {
          id = hashedId(line, row.rawText());
        }
        Instant time = time(row);
        String model = model(row);
        String provider = text(row, Field.PROVIDER);
        if (provider == null) {
          provider = mapping.defaultProvider().orElse(null);
        }
        UsageMode mode = mode(row);
        TokenUsage tokens = tokens(row);
        BigDecimal cost = nonNegativeDecimal(row, Field.COST, "a cost in US dollars");
        String task = text(row, Field.TASK);
        String success = successMapped ? text(row, Field.SUCCESS) : null;
        if (success != null) {
          if (task == null) {
            task = id;
          }
          outcome = outcome(row, task, time, success);
        }
        Attribution attribution =
            new Attribution(
                text(row, Field.AGENT),
                text(row, Field.WORKFLOW),
                task,
                text(row, Field.SESSION),
                text(row, Field.STEP_KIND),
                tags(row));
        record =
            new UsageRecord(
                id,
                time,
                provider,
                model,
                tokens,
                mode,
                attribution,
                cost,
                mapping.aggregate(),
                displayName + ":" + line);
      } catch (RowException e) {
        sink.reject(new Rejection(displayName, line, e.column, e.value, e.getMessage()));
        return;
      } catch (IllegalArgumentException e) {
        // The checks above should leave nothing for the record constructors to reject.
        sink.reject(new Rejection(displayName, line, null, null, e.getMessage()));
        return;
      }
      sink.accept(record);
      if (outcome != null) {
        sink.acceptOutcome(outcome);
      }
    }

    private void convertOutcome(Row row, long line, UsageSink sink) {
      Outcome outcome;
      try {
        String task = text(row, Field.TASK);
        if (task == null) {
          throw new RowException(
              column(Field.TASK), null, "is empty: every outcome needs the id of its task");
        }
        String success = text(row, Field.SUCCESS);
        if (success == null) {
          throw new RowException(
              column(Field.SUCCESS), null, "is empty: write true or false for the outcome");
        }
        outcome = outcome(row, task, time(row), success);
      } catch (RowException e) {
        sink.reject(new Rejection(displayName, line, e.column, e.value, e.getMessage()));
        return;
      } catch (IllegalArgumentException e) {
        sink.reject(new Rejection(displayName, line, null, null, e.getMessage()));
        return;
      }
      sink.acceptOutcome(outcome);
    }

    /** Returns a stable id from the file name, line number and row text. */
    private String hashedId(long line, String rawText) {
      sha256.reset();
      byte[] digest =
          sha256.digest((idPrefix + line + ":" + rawText).getBytes(StandardCharsets.UTF_8));
      return "row:" + HexFormat.of().formatHex(digest, 0, 16);
    }

    private String model(Row row) throws RowException {
      String model = text(row, Field.MODEL);
      if (model != null) {
        return model;
      }
      if (mapping.defaultModel().isPresent()) {
        return mapping.defaultModel().get();
      }
      String column = mapping.column(Field.MODEL).orElse(null);
      String reason =
          column == null
              ? "is missing: the source has no model column; map one with model=COLUMN, or set"
                  + " default.model in the mapping or pass --model"
              : "is empty and no default model is set; fill the column, or set default.model in"
                  + " the mapping or pass --model";
      throw new RowException(column == null ? Field.MODEL.key() : column, null, reason);
    }

    private UsageMode mode(Row row) throws RowException {
      String text = text(row, Field.MODE);
      if (text == null) {
        return UsageMode.INTERACTIVE;
      }
      return UsageMode.parse(text)
          .orElseThrow(
              () ->
                  new RowException(
                      column(Field.MODE),
                      text,
                      "is not a known mode; use interactive or batch (also accepted: sync,"
                          + " realtime, async, offline)"));
    }

    private TokenUsage tokens(Row row) throws RowException {
      long cacheWrite5m = count(row, Field.CACHE_WRITE_5M);
      long cacheWrite1h = count(row, Field.CACHE_WRITE_1H);
      long output = count(row, Field.OUTPUT);
      long reasoning = count(row, Field.REASONING);
      long input;
      long cacheRead;
      if (promptIncludesCache) {
        long prompt = count(row, Field.PROMPT_TOKENS);
        long cached = count(row, Field.CACHED_TOKENS);
        long cacheWrites = cacheWrite5m + cacheWrite1h;
        if (cached + cacheWrites > prompt) {
          String counted = cacheWrites == 0 ? "" : " plus cache writes (" + cacheWrites + ")";
          throw new RowException(
              column(Field.CACHED_TOKENS),
              Long.toString(cached),
              "cached tokens ("
                  + cached
                  + ")"
                  + counted
                  + " exceed prompt_tokens ("
                  + prompt
                  + "), which must include them; check that the mapping names the right columns");
        }
        input = prompt - cached - cacheWrites;
        cacheRead = cached;
      } else {
        input = count(row, Field.INPUT);
        cacheRead = count(row, Field.CACHE_READ);
      }
      if (reasoning > output) {
        throw new RowException(
            column(Field.REASONING),
            Long.toString(reasoning),
            "reasoning tokens exceed output tokens ("
                + output
                + "), but reasoning is counted inside output; check the mapping of reasoning and"
                + " output");
      }
      return new TokenUsage(input, cacheRead, cacheWrite5m, cacheWrite1h, output, reasoning);
    }

    private Outcome outcome(Row row, String task, Instant time, String success)
        throws RowException {
      boolean succeeded = bool(Field.SUCCESS, success);
      BigDecimal value = nonNegativeDecimal(row, Field.VALUE, "a value in US dollars");
      String attemptsText = text(row, Field.ATTEMPTS);
      int attempts = 1;
      if (attemptsText != null) {
        long parsed = wholeNumber(column(Field.ATTEMPTS), attemptsText, "an attempt count");
        if (parsed < 1 || parsed > Integer.MAX_VALUE) {
          throw new RowException(
              column(Field.ATTEMPTS), attemptsText, "must be at least 1 (the first try counts)");
        }
        attempts = (int) parsed;
      }
      boolean rework = optionalBool(row, Field.REWORK);
      BigDecimal humanMinutes = nonNegativeDecimal(row, Field.HUMAN_MINUTES, "a number of minutes");
      boolean escalated = optionalBool(row, Field.ESCALATED);
      return new Outcome(task, time, succeeded, value, attempts, rework, humanMinutes, escalated);
    }

    private Map<String, String> tags(Row row) throws RowException {
      if (tagNames.length == 0) {
        return Map.of();
      }
      Map<String, String> tags = new HashMap<>();
      for (int i = 0; i < tagNames.length; i++) {
        String value = row.tagValue(i);
        if (value != null && !value.isEmpty()) {
          tags.put(tagNames[i], value);
        }
      }
      return tags;
    }

    private Instant time(Row row) throws RowException {
      String text = text(row, Field.TIME);
      if (text == null) {
        return null;
      }
      try {
        return parseTime(text, mapping.timeZone());
      } catch (DateTimeException | ArithmeticException e) {
        throw new RowException(
            column(Field.TIME),
            text,
            "is not a timestamp; use an ISO-8601 date-time such as 2025-01-01T12:00:00Z, a local"
                + " date-time such as 2025-01-01 12:00:00 (read in time_zone "
                + mapping.timeZone()
                + "), or epoch seconds or milliseconds");
      }
    }

    /**
     * Parses an ISO-8601 instant or date-time with or without offset (a space may replace the 'T'),
     * a date, or epoch seconds or milliseconds. Date-times without an offset are in {@code zone}. A
     * number above 1e11 is read as milliseconds, because 1e11 seconds is past the year 5000.
     */
    static Instant parseTime(String text, ZoneId zone) {
      if (isDecimalNumber(text)) {
        BigDecimal number = new BigDecimal(text);
        if (number.compareTo(MICROS_THRESHOLD) >= 0) {
          throw new DateTimeException("epoch microseconds and nanoseconds are not supported");
        }
        BigDecimal seconds =
            number.compareTo(MILLIS_THRESHOLD) > 0 ? number.movePointLeft(3) : number;
        long whole = seconds.longValue();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
      }
      String iso =
          text.length() > 10 && text.charAt(10) == ' '
              ? text.substring(0, 10) + 'T' + text.substring(11)
              : text;
      if (iso.length() == 10) {
        return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
      }
      TemporalAccessor parsed = DATE_TIME.parse(iso);
      LocalDateTime local = LocalDateTime.from(parsed);
      ZoneOffset offset = parsed.query(TemporalQueries.offset());
      if (offset != null) {
        return local.toInstant(offset);
      }
      ZoneId region = parsed.query(TemporalQueries.zoneId());
      return local.atZone(region != null ? region : zone).toInstant();
    }

    private static boolean isDecimalNumber(String text) {
      boolean dotSeen = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '.' && !dotSeen && i > 0) {
          dotSeen = true;
        } else if (c < '0' || c > '9') {
          return false;
        }
      }
      return !text.isEmpty() && text.charAt(text.length() - 1) != '.';
    }

    /** Returns a token count, 0 for an unmapped, missing or empty value. */
    private long count(Row row, Field field) throws RowException {
      String text = text(row, field);
      if (text == null) {
        return 0;
      }
      long tokens = wholeNumber(column(field), text, "a token count");
      if (tokens > TokenUsage.MAX_TOKENS) {
        throw new RowException(
            column(field), text, "is larger than a trillion tokens; check the value");
      }
      return tokens;
    }

    /** Parses a non-negative integer, accepting a zero fraction such as {@code 12.0}. */
    private static long wholeNumber(String column, String text, String quantity)
        throws RowException {
      if (text.length() <= 18 && isDigits(text)) {
        return Long.parseLong(text);
      }
      BigDecimal number;
      try {
        number = new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new RowException(
            column, text, "is not a number; " + quantity + " must be a whole number such as 12");
      }
      if (number.signum() < 0) {
        throw new RowException(column, text, "is negative; " + quantity + " must be 0 or more");
      }
      if (number.stripTrailingZeros().scale() > 0) {
        throw new RowException(
            column, text, "is not a whole number; " + quantity + " must be an integer such as 12");
      }
      try {
        return number.longValueExact();
      } catch (ArithmeticException e) {
        throw new RowException(column, text, "is too large for " + quantity);
      }
    }

    private static boolean isDigits(String text) {
      if (text.isEmpty()) {
        return false;
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
      return true;
    }

    /** Returns an exact decimal parsed from the text, or null when the value is empty. */
    private BigDecimal nonNegativeDecimal(Row row, Field field, String quantity)
        throws RowException {
      String text = text(row, field);
      if (text == null) {
        return null;
      }
      BigDecimal number;
      try {
        number = new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new RowException(
            column(field),
            text,
            "is not a decimal number; write " + quantity + " as plain digits such as 0.0125");
      }
      if (number.signum() < 0) {
        throw new RowException(
            column(field), text, "is negative; " + quantity + " must be 0 or more");
      }
      if (number.compareTo(MAX_DECIMAL) >= 0 || number.stripTrailingZeros().scale() > 18) {
        throw new RowException(
            column(field),
            text,
            "is out of range; " + quantity + " must be below 10^20 with at most 18 decimal places");
      }
      return number;
    }

    private boolean optionalBool(Row row, Field field) throws RowException {
      String text = text(row, field);
      return text != null && bool(field, text);
    }

    private boolean bool(Field field, String text) throws RowException {
      switch (text.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "1":
          return true;
        case "false", "no", "0":
          return false;
        default:
          throw new RowException(
              column(field), text, "is not a boolean; use true/false, yes/no or 1/0");
      }
    }

    /** Returns a field's value, null when unmapped, missing or empty. */
    private static String text(Row row, Field field) throws RowException {
      String value = row.value(field);
      return value == null || value.isEmpty() ? null : value;
    }

    /** Returns the source column of a field, for rejections. */
    private String column(Field field) {
      return mapping.column(field).orElse(field.key());
    }
  }
}
