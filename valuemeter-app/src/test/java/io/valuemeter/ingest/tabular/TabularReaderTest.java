package io.valuemeter.ingest.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.valuemeter.ingest.CollectingSink;
import io.valuemeter.ingest.Rejection;
import io.valuemeter.ingest.tabular.TabularReader.Format;
import io.valuemeter.usage.Outcome;
import io.valuemeter.usage.TokenUsage;
import io.valuemeter.usage.UsageMode;
import io.valuemeter.usage.UsageRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularReaderTest {

  private static final Path TERMINAL_BENCH =
      Path.of("src/test/resources/terminal-bench/trial_token_usage.csv");
  private static final Path AZURE_CODE =
      Path.of("src/test/resources/azure-llm-trace/AzureLLMInferenceTrace_code.csv");

  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }

  private static CollectingSink read(Format format, ColumnMapping mapping, Path file)
      throws IOException {
    CollectingSink sink = new CollectingSink();
    new TabularReader(format, mapping).read(file, file.getFileName().toString(), sink);
    return sink;
  }

  private static ColumnMapping pairs(String... pairs) {
    return ColumnMapping.ofPairs(List.of(pairs), "--map");
  }

  @Test
  void name_isFormatLabel() {
    assertThat(new TabularReader(Format.CSV, null).name()).isEqualTo("csv");
    assertThat(new TabularReader(Format.JSONL, null).name()).isEqualTo("jsonl");
  }

  @Test
  void openaiShape_cachedTokens_splitFromPrompt() throws IOException {
    Path file =
        write(
            "trace.jsonl",
            "{\"id\":\"c1\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"model\":\"gpt-4o\","
                + "\"usage\":{\"prompt_tokens\":2006,\"prompt_tokens_details\":"
                + "{\"cached_tokens\":1920},\"completion_tokens\":300}}");

    CollectingSink sink = read(Format.JSONL, null, file);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records).hasSize(1);
    UsageRecord record = sink.records.get(0);
    assertThat(record.id()).isEqualTo("c1");
    assertThat(record.time()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(record.model()).isEqualTo("gpt-4o");
    // prompt_tokens includes the cache: uncached input = 2006 - 1920 = 86
    assertThat(record.tokens().input()).isEqualTo(86);
    assertThat(record.tokens().cacheRead()).isEqualTo(1920);
    assertThat(record.tokens().output()).isEqualTo(300);
    // 86 + 1920 = 2006. Adding cached tokens to prompt_tokens would give 3926.
    assertThat(record.tokens().promptTokens()).isEqualTo(2006);
    assertThat(record.aggregate()).isFalse();
    assertThat(record.origin()).isEqualTo("trace.jsonl:1");
    assertThat(sink.notes)
        .containsExactly(
            "trace.jsonl: recognised the OpenAI usage shape (prompt_tokens includes cached"
                + " tokens)");
  }

  @Test
  void openaiShape_reasoningTokens_keptInsideOutput() throws IOException {
    Path file =
        write(
            "o3.jsonl",
            "{\"model\":\"o3\",\"usage\":{\"prompt_tokens\":500,\"completion_tokens\":1200,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":1000}}}");

    CollectingSink sink = read(Format.JSONL, null, file);

    TokenUsage tokens = sink.records.get(0).tokens();
    // no prompt_tokens_details: cached = 0, so input = 500 - 0 = 500
    assertThat(tokens.input()).isEqualTo(500);
    assertThat(tokens.cacheRead()).isZero();
    assertThat(tokens.output()).isEqualTo(1200);
    assertThat(tokens.reasoning()).isEqualTo(1000);
  }

  @Test
  void openaiResponsesShape_inputIncludesCache() throws IOException {
    Path file =
        write(
            "responses.jsonl",
            "{\"model\":\"gpt-5\",\"usage\":{\"input_tokens\":1000,\"input_tokens_details\":"
                + "{\"cached_tokens\":800},\"output_tokens\":50,\"output_tokens_details\":"
                + "{\"reasoning_tokens\":20}}}");

    CollectingSink sink = read(Format.JSONL, null, file);

    TokenUsage tokens = sink.records.get(0).tokens();
    // 1000 - 800 = 200 uncached input tokens
    assertThat(tokens.input()).isEqualTo(200);
    assertThat(tokens.cacheRead()).isEqualTo(800);
    assertThat(tokens.output()).isEqualTo(50);
    assertThat(tokens.reasoning()).isEqualTo(20);
    assertThat(sink.notes)
        .containsExactly(
            "responses.jsonl: recognised the OpenAI usage shape (input_tokens includes cached"
                + " tokens)");
  }

  @Test
  void openaiShape_csvCachedTokensColumn_split() throws IOException {
    Path file =
        write(
            "openai.csv",
            "id,model,prompt_tokens,cached_tokens,completion_tokens",
            "r1,gpt-4o-mini,1500,1024,80");

    CollectingSink sink = read(Format.CSV, null, file);

    TokenUsage tokens = sink.records.get(0).tokens();
    // 1500 - 1024 = 476
    assertThat(tokens.input()).isEqualTo(476);
    assertThat(tokens.cacheRead()).isEqualTo(1024);
    assertThat(tokens.output()).isEqualTo(80);
  }

  @Test
  void anthropicShape_csvTopLevel_cacheWriteSeparate() throws IOException {
    Path file =
        write(
            "messages.csv",
            "id,timestamp,provider,model,input_tokens,cache_creation_input_tokens,output_tokens",
            "m1,2025-03-01T10:00:00Z,anthropic,claude-sonnet-4-20250514,3,12304,550");

    CollectingSink sink = read(Format.CSV, null, file);

    assertThat(sink.rejections).isEmpty();
    UsageRecord record = sink.records.get(0);
    assertThat(record.id()).isEqualTo("m1");
    assertThat(record.provider()).isEqualTo("anthropic");
    assertThat(record.tokens().input()).isEqualTo(3);
    assertThat(record.tokens().cacheWrite5m()).isEqualTo(12304);
    assertThat(record.tokens().cacheRead()).isZero();
    assertThat(record.tokens().output()).isEqualTo(550);
    // input excludes the cache: 3 + 12304 = 12307 prompt tokens
    assertThat(record.tokens().promptTokens()).isEqualTo(12307);
    assertThat(sink.notes)
        .containsExactly(
            "messages.csv: recognised the Anthropic usage shape (input_tokens excludes cached"
                + " tokens)");
  }

  @Test
  void anthropicShape_jsonlCacheRead_separateFromInput() throws IOException {
    Path file =
        write(
            "messages.jsonl",
            "{\"id\":\"msg_1\",\"model\":\"claude-opus-4-1-20250805\","
                + "\"usage\":{\"input_tokens\":4,\"cache_read_input_tokens\":20000,"
                + "\"output_tokens\":120}}",
            "{\"id\":\"msg_2\",\"model\":\"claude-opus-4-1-20250805\","
                + "\"usage\":{\"input_tokens\":9,\"cache_creation_input_tokens\":1500,"
                + "\"output_tokens\":40}}");

    CollectingSink sink = read(Format.JSONL, null, file);

    assertThat(sink.records).hasSize(2);
    assertThat(sink.records.get(0).tokens()).isEqualTo(new TokenUsage(4, 20000, 0, 0, 120, 0));
    // the first object had no cache_creation field, but later objects' writes are still read
    assertThat(sink.records.get(1).tokens()).isEqualTo(new TokenUsage(9, 0, 1500, 0, 40, 0));
  }

  @Test
  void terminalBench_exampleMapping_totalsPerModel() throws IOException {
    ColumnMapping mapping = ColumnMapping.parse(Path.of("../examples/terminal-bench.mapping"));

    CollectingSink sink = read(Format.CSV, mapping, TERMINAL_BENCH);

    // Expected figures were computed with Python's csv.DictReader over the same file.
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records).hasSize(6199);
    assertThat(sink.outcomes).hasSize(6199);
    assertThat(sink.records).allMatch(UsageRecord::aggregate);
    assertThat(sink.records).allMatch(record -> record.time() == null);
    assertThat(sink.records.stream().map(UsageRecord::id).distinct().count()).isEqualTo(6199);

    List<UsageRecord> sonnet = recordsOf(sink, "claude-sonnet-4-20250514");
    assertThat(sonnet).hasSize(368);
    assertThat(sonnet.stream().mapToLong(r -> r.tokens().input()).sum()).isEqualTo(4_235_825);
    assertThat(sonnet.stream().mapToLong(r -> r.tokens().output()).sum()).isEqualTo(2_763_963);
    assertThat(successesOf(sink, sonnet)).isEqualTo(108);

    List<UsageRecord> gpt5 = recordsOf(sink, "gpt-5");
    assertThat(gpt5).hasSize(444);
    assertThat(successesOf(sink, gpt5)).isEqualTo(152);

    UsageRecord first = sink.records.get(0);
    assertThat(first.id()).isEqualTo("54242fbe-3b51-49f3-ae49-4c54c815aa61");
    assertThat(first.provider()).isEqualTo("gemini");
    assertThat(first.attribution().task()).isEqualTo(first.id());
    assertThat(first.attribution().tags()).containsExactly(Map.entry("category", "fix-ocaml-gc"));
    assertThat(first.tokens()).isEqualTo(TokenUsage.of(36693, 10994));
    assertThat(sink.outcomes.get(0)).isEqualTo(Outcome.ofSuccess(first.id(), false));
  }

  private static List<UsageRecord> recordsOf(CollectingSink sink, String model) {
    return sink.records.stream().filter(r -> r.model().equals(model)).collect(Collectors.toList());
  }

  private static long successesOf(CollectingSink sink, List<UsageRecord> records) {
    Set<String> tasks =
        records.stream().map(r -> r.attribution().task()).collect(Collectors.toSet());
    return sink.outcomes.stream()
        .filter(o -> tasks.contains(o.taskId()))
        .filter(Outcome::success)
        .count();
  }

  @Test
  void azureTrace_exampleMappingWithDefaultModel_totals() throws IOException {
    ColumnMapping mapping =
        ColumnMapping.parse(Path.of("../examples/azure-llm-trace.mapping"))
            .merge(ColumnMapping.ofPairs(List.of("default.model=gpt-4o"), "--model"));

    CollectingSink sink = read(Format.CSV, mapping, AZURE_CODE);

    // Expected figures were computed with Python's csv.DictReader over the same file.
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records).hasSize(8819);
    assertThat(sink.records.stream().mapToLong(r -> r.tokens().input()).sum())
        .isEqualTo(18_059_974);
    assertThat(sink.records.stream().mapToLong(r -> r.tokens().output()).sum()).isEqualTo(245_896);
    assertThat(sink.records).allMatch(r -> r.model().equals("gpt-4o"));
    assertThat(sink.records).allMatch(r -> r.provider() == null);
    assertThat(sink.records).noneMatch(UsageRecord::aggregate);
    assertThat(sink.outcomes).isEmpty();
    // "2023-11-16 18:17:03.9799600" has seven fractional digits and is read as UTC
    assertThat(sink.records.get(0).time()).isEqualTo(Instant.parse("2023-11-16T18:17:03.979960Z"));
    assertThat(sink.records.get(8818).time())
        .isEqualTo(Instant.parse("2023-11-16T19:14:19.928016Z"));
    assertThat(sink.records.get(0).tokens()).isEqualTo(TokenUsage.of(4808, 10));
    assertThat(sink.records.get(0).id()).matches("row:[0-9a-f]{32}");
    assertThat(sink.records.stream().map(UsageRecord::id).distinct().count()).isEqualTo(8819);
    assertThat(sink.notes)
        .containsExactly(
            "AzureLLMInferenceTrace_code.csv: read with the column mapping from"
                + " ../examples/azure-llm-trace.mapping and --model (input excludes cached"
                + " tokens)");
  }

  @Test
  void hashedIds_sameFileReadTwice_identical() throws IOException {
    Path file = write("calls.csv", "model,in,out", "m,1,2", "m,1,2");
    ColumnMapping mapping = pairs("model=model", "input=in", "output=out");

    List<String> first =
        read(Format.CSV, mapping, file).records.stream().map(UsageRecord::id).toList();
    List<String> second =
        read(Format.CSV, mapping, file).records.stream().map(UsageRecord::id).toList();

    assertThat(first).isEqualTo(second);
    // identical rows on lines 2 and 3 still differ, because the line number is hashed
    assertThat(new HashSet<>(first)).hasSize(2);
    assertThat(first).allMatch(id -> id.matches("row:[0-9a-f]{32}"));
  }

  @Test
  void jsonl_malformedLine_rejectedNeighboursKept() throws IOException {
    Path file =
        write(
            "calls.jsonl",
            "{\"id\":\"a\",\"model\":\"gpt-4o\","
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1}}",
            "{\"id\":\"b\",\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":",
            "",
            "{\"id\":\"c\",\"model\":\"gpt-4o\","
                + "\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":3}}");

    CollectingSink sink = read(Format.JSONL, null, file);

    assertThat(sink.records).extracting(UsageRecord::id).containsExactly("a", "c");
    assertThat(sink.records.get(1).origin()).isEqualTo("calls.jsonl:4");
    assertThat(sink.rejections).hasSize(1);
    Rejection rejection = sink.rejections.get(0);
    assertThat(rejection.file()).isEqualTo("calls.jsonl");
    assertThat(rejection.line()).isEqualTo(2);
    assertThat(rejection.field()).isNull();
    assertThat(rejection.reason()).startsWith("is not valid JSON (");
    assertThat(rejection.reason()).endsWith("each line of a JSONL file must be one JSON object");
  }

  @Test
  void jsonl_trailingText_rejected() throws IOException {
    Path file =
        write(
            "calls.jsonl",
            "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1}} x");

    CollectingSink sink =
        read(Format.JSONL, pairs("model=model", "output=usage.completion_tokens"), file);

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).singleElement().extracting(Rejection::line).isEqualTo(1L);
    assertThat(sink.rejections.get(0).reason()).startsWith("is not valid JSON (");
  }

  @Test
  void jsonl_modelOnlyInLaterObjects_stillRead() throws IOException {
    Path file =
        write(
            "calls.jsonl",
            "{\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1}}",
            "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":2}}");

    CollectingSink sink = read(Format.JSONL, null, file);

    // the first object has no model, so it is rejected, but the mapping still reads "model"
    assertThat(sink.rejections).singleElement().extracting(Rejection::line).isEqualTo(1L);
    assertThat(sink.records).singleElement().extracting(UsageRecord::model).isEqualTo("gpt-4o");
  }

  @Test
  void jsonl_lineNotAnObject_rejected() throws IOException {
    Path file =
        write(
            "calls.jsonl",
            "[1,2,3]",
            "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1}}");

    CollectingSink sink = read(Format.JSONL, null, file);

    assertThat(sink.records).hasSize(1);
    assertThat(sink.rejections).singleElement().extracting(Rejection::line).isEqualTo(1L);
    assertThat(sink.rejections.get(0).reason()).startsWith("is not a JSON object");
  }

  @Test
  void negativeTokenCount_rejectedNeighboursKept() throws IOException {
    Path file = write("calls.csv", "model,in,out", "m,10,1", "m,-3,1", "m,30,3");

    CollectingSink sink = read(Format.CSV, pairs("model=model", "input=in", "output=out"), file);

    assertThat(sink.records).extracting(r -> r.tokens().input()).containsExactly(10L, 30L);
    assertThat(sink.rejections).hasSize(1);
    Rejection rejection = sink.rejections.get(0);
    // the header is line 1, so the second data row is line 3
    assertThat(rejection.line()).isEqualTo(3);
    assertThat(rejection.field()).isEqualTo("in");
    assertThat(rejection.value()).isEqualTo("-3");
    assertThat(rejection.reason()).isEqualTo("is negative; a token count must be 0 or more");
  }

  @Test
  void tokenCounts_textForms_acceptedOrRejected() throws IOException {
    Path file =
        write(
            "calls.csv",
            "model,in,out",
            "m,12,1",
            "m,12.0,1",
            "m,,1",
            "m,abc,1",
            "m,1.5,1",
            "m,1e3,1",
            "m,99999999999999999999,1");

    CollectingSink sink = read(Format.CSV, pairs("model=model", "input=in", "output=out"), file);

    // an empty cell counts as 0, and 1e3 is the whole number 1000
    assertThat(sink.records)
        .extracting(r -> r.tokens().input())
        .containsExactly(12L, 12L, 0L, 1000L);
    assertThat(sink.rejections)
        .extracting(Rejection::line, Rejection::value, Rejection::reason)
        .containsExactly(
            tuple(5L, "abc", "is not a number; a token count must be a whole number such as 12"),
            tuple(6L, "1.5", "is not a whole number; a token count must be an integer such as 12"),
            tuple(8L, "99999999999999999999", "is too large for a token count"));
  }

  @Test
  void jsonl_wrongTypes_rejected() throws IOException {
    Path file =
        write(
            "calls.jsonl",
            "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":\"abc\",\"completion_tokens\":1}}",
            "{\"model\":\"gpt-4o\","
                + "\"usage\":{\"prompt_tokens\":{\"n\":1},\"completion_tokens\":1}}",
            "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":true,\"completion_tokens\":1}}",
            "{\"model\":\"gpt-4o\","
                + "\"usage\":{\"prompt_tokens\":\"40\",\"completion_tokens\":4.0}}");

    CollectingSink sink = read(Format.JSONL, null, file);

    // numbers written as strings and 4.0 are whole numbers and kept
    assertThat(sink.records)
        .singleElement()
        .extracting(UsageRecord::tokens)
        .isEqualTo(TokenUsage.of(40, 4));
    assertThat(sink.rejections).extracting(Rejection::line).containsExactly(1L, 2L, 3L);
    assertThat(sink.rejections).extracting(Rejection::field).containsOnly("usage.prompt_tokens");
    assertThat(sink.rejections.get(0).reason()).startsWith("is not a number");
    assertThat(sink.rejections.get(1).value()).isEqualTo("{\"n\":1}");
    assertThat(sink.rejections.get(1).reason())
        .startsWith("is a JSON object where a single value was expected");
    assertThat(sink.rejections.get(2).value()).isEqualTo("true");
  }

  @Test
  void jsonl_missingMappedTokenField_countsAsZero() throws IOException {
    Path file =
        write("calls.jsonl", "{\"model\":\"m\",\"in\":5,\"out\":2}", "{\"model\":\"m\",\"in\":7}");

    CollectingSink sink = read(Format.JSONL, pairs("model=model", "input=in", "output=out"), file);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records)
        .extracting(UsageRecord::tokens)
        .containsExactly(TokenUsage.of(5, 2), TokenUsage.of(7, 0));
  }

  @Test
  void unknownModel_notRejected() throws IOException {
    Path file = write("calls.csv", "model,in,out", "no-such-model-9000,10,1");

    CollectingSink sink = read(Format.CSV, pairs("model=model", "input=in", "output=out"), file);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records)
        .singleElement()
        .extracting(UsageRecord::model)
        .isEqualTo("no-such-model-9000");
  }

  @Test
  void modelMissing_rejectedWithHint() throws IOException {
    Path file = write("calls.csv", "in,out", "10,1");

    CollectingSink sink = read(Format.CSV, pairs("input=in", "output=out"), file);

    assertThat(sink.records).isEmpty();
    Rejection rejection = sink.rejections.get(0);
    assertThat(rejection.field()).isEqualTo("model");
    assertThat(rejection.line()).isEqualTo(2);
    assertThat(rejection.reason())
        .isEqualTo(
            "is missing: the source has no model column; map one with model=COLUMN, or set"
                + " default.model in the mapping or pass --model");
  }

  @Test
  void modelEmptyCell_defaultModelFillsIn() throws IOException {
    Path file = write("calls.csv", "engine,in,out", "gpt-4o,10,1", ",20,2");

    CollectingSink withDefault =
        read(Format.CSV, pairs("model=engine", "input=in", "output=out", "default.model=m0"), file);
    CollectingSink withoutDefault =
        read(Format.CSV, pairs("model=engine", "input=in", "output=out"), file);

    assertThat(withDefault.records).extracting(UsageRecord::model).containsExactly("gpt-4o", "m0");
    assertThat(withoutDefault.records).hasSize(1);
    assertThat(withoutDefault.rejections)
        .singleElement()
        .extracting(Rejection::field)
        .isEqualTo("engine");
  }

  @Test
  void jsonl_modelMissingFromObject_rejected() throws IOException {
    Path file =
        write(
            "calls.jsonl",
            "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1}}",
            "{\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1}}");

    CollectingSink sink = read(Format.JSONL, null, file);

    assertThat(sink.records).hasSize(1);
    assertThat(sink.rejections)
        .singleElement()
        .extracting(Rejection::line, Rejection::field)
        .containsExactly(2L, "model");
  }

  @Test
  void detectedShape_defaultModelOnly_appliedOnTop() throws IOException {
    Path file = write("calls.jsonl", "{\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1}}");

    CollectingSink sink = read(Format.JSONL, pairs("default.model=gpt-4o-mini"), file);

    assertThat(sink.records)
        .singleElement()
        .extracting(UsageRecord::model)
        .isEqualTo("gpt-4o-mini");
    assertThat(sink.notes)
        .containsExactly(
            "calls.jsonl: recognised the OpenAI usage shape (prompt_tokens includes cached tokens)"
                + " with the column mapping from --map applied on top");
  }

  @Test
  void mappingNamesMissingColumn_errorListsColumns() throws IOException {
    Path file = write("trials.csv", "trial_id,Model_Name,n_input_tokens", "t1,gpt-5,10");
    ColumnMapping mapping = pairs("model=model_name", "input=n_input_tokens", "output=n_output");

    assertThatThrownBy(() -> read(Format.CSV, mapping, file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "trials.csv: the column mapping from --map names columns not in the header:"
                + " model = \"model_name\" (the header has \"Model_Name\"), output = \"n_output\"."
                + " Columns in trials.csv: trial_id, Model_Name, n_input_tokens. Use one of these"
                + " names in the mapping file or with --map field=column.");
  }

  @Test
  void emptyCsv_rejectedAsEmpty() throws IOException {
    Path file = write("empty.csv");

    assertThatThrownBy(() -> read(Format.CSV, null, file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("empty.csv is empty: it has no header row.");
  }

  @Test
  void emptyJsonl_rejectedAsEmpty() throws IOException {
    Path file = write("empty.jsonl", "", "   ");

    assertThatThrownBy(() -> read(Format.JSONL, null, file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("empty.jsonl is empty: it has no non-blank lines.");
  }

  @Test
  void headerOnlyCsv_noRecords() throws IOException {
    Path file = write("header.csv", "model,input_tokens,output_tokens");

    CollectingSink sink = read(Format.CSV, null, file);

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void noMapping_unknownColumns_error() throws IOException {
    Path file = write("trace.csv", "TIMESTAMP,ContextTokens,GeneratedTokens", "2023-11-16,1,2");

    assertThatThrownBy(() -> read(Format.CSV, null, file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "trace.csv: no column mapping was given and the columns do not match a known usage"
                + " shape, which needs prompt_tokens and completion_tokens (OpenAI) or"
                + " input_tokens and output_tokens (Anthropic), at the top level or under usage."
                + " Columns found: TIMESTAMP, ContextTokens, GeneratedTokens. Pass --mapping FILE"
                + " or --map field=column, for example --map input=COLUMN --map output=COLUMN"
                + " --map model=COLUMN.");
  }

  @Test
  void rowWithoutTimestamp_keptWithNullTime() throws IOException {
    Path file =
        write(
            "calls.csv",
            "time,model,input_tokens,output_tokens",
            "2025-02-03T04:05:06Z,m,1,1",
            ",m,2,2");

    CollectingSink sink = read(Format.CSV, null, file);

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records)
        .extracting(UsageRecord::time)
        .containsExactly(Instant.parse("2025-02-03T04:05:06Z"), null);
  }

  @Test
  void timestamps_variousForms_parsed() throws IOException {
    Path file =
        write(
            "times.csv",
            "at,model,in",
            "2025-01-01T12:00:00+02:00,m,1",
            "2025-01-01 12:00:00,m,1",
            "2025-01-01T12:00:00.123456789,m,1",
            "1735732800,m,1",
            "1735732800500,m,1",
            "2025-01-01,m,1",
            "yesterday,m,1",
            "1735732800000000,m,1");

    CollectingSink sink =
        read(
            Format.CSV,
            pairs("time=at", "model=model", "input=in", "time_zone=Europe/Berlin"),
            file);

    // Europe/Berlin is UTC+1 in January: local 12:00 is 11:00Z, and midnight is 23:00Z the day
    // before. 1735732800 s = 2025-01-01T12:00:00Z.
    assertThat(sink.records)
        .extracting(UsageRecord::time)
        .containsExactly(
            Instant.parse("2025-01-01T10:00:00Z"),
            Instant.parse("2025-01-01T11:00:00Z"),
            Instant.parse("2025-01-01T11:00:00.123456789Z"),
            Instant.parse("2025-01-01T12:00:00Z"),
            Instant.parse("2025-01-01T12:00:00.500Z"),
            Instant.parse("2024-12-31T23:00:00Z"));
    assertThat(sink.rejections).extracting(Rejection::line).containsExactly(8L, 9L);
    assertThat(sink.rejections.get(0).field()).isEqualTo("at");
    assertThat(sink.rejections.get(0).reason())
        .startsWith("is not a timestamp; use an ISO-8601 date-time")
        .contains("time_zone Europe/Berlin");
  }

  @Test
  void cachedExceedsPrompt_rejected() throws IOException {
    Path file =
        write(
            "calls.jsonl",
            "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":1000,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1920},\"completion_tokens\":1}}");

    CollectingSink sink = read(Format.JSONL, null, file);

    assertThat(sink.records).isEmpty();
    Rejection rejection = sink.rejections.get(0);
    assertThat(rejection.field()).isEqualTo("usage.prompt_tokens_details.cached_tokens");
    assertThat(rejection.value()).isEqualTo("1920");
    assertThat(rejection.reason())
        .isEqualTo(
            "cached tokens (1920) exceed prompt_tokens (1000), which must include them; check"
                + " that the mapping names the right columns");
  }

  @Test
  void reasoningExceedsOutput_rejected() throws IOException {
    Path file = write("calls.csv", "model,in,out,think", "m,1,10,11");

    CollectingSink sink =
        read(Format.CSV, pairs("model=model", "input=in", "output=out", "reasoning=think"), file);

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).singleElement().extracting(Rejection::field).isEqualTo("think");
  }

  @Test
  void openaiMapping_withoutPromptTokens_errorBeforeRows() throws IOException {
    Path file = write("calls.csv", "model,cached,out", "m,1,2");
    ColumnMapping mapping = pairs("model=model", "cached_tokens=cached", "output=out");

    assertThatThrownBy(() -> read(Format.CSV, mapping, file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "calls.csv: the column mapping from --map cannot be used: prompt_tokens is not mapped,"
                + " but cached_tokens is mapped");
  }

  @Test
  void outcomeColumns_taskColumn_emittedWithRecord() throws IOException {
    Path file =
        write(
            "runs.csv",
            "run,task,model,in,out,cost,ok,value,tries,rework,minutes,escalated,agent,team",
            "r1,T-1,gpt-5,100,10,0.0125,yes,12.50,2,True,7.5,0,coder,payments",
            "r2,T-2,gpt-5,100,10,,False,,,,,no,,");
    ColumnMapping mapping =
        pairs(
            "id=run",
            "task=task",
            "model=model",
            "input=in",
            "output=out",
            "cost=cost",
            "success=ok",
            "value=value",
            "attempts=tries",
            "rework=rework",
            "human_minutes=minutes",
            "escalated=escalated",
            "agent=agent",
            "tag.team=team");

    CollectingSink sink = read(Format.CSV, mapping, file);

    assertThat(sink.rejections).isEmpty();
    UsageRecord first = sink.records.get(0);
    assertThat(first.reportedCostUsd()).isEqualTo(new BigDecimal("0.0125"));
    assertThat(first.attribution().task()).isEqualTo("T-1");
    assertThat(first.attribution().agent()).isEqualTo("coder");
    assertThat(first.attribution().tags()).containsExactly(Map.entry("team", "payments"));
    assertThat(sink.records.get(1).reportedCostUsd()).isNull();
    assertThat(sink.records.get(1).attribution().tags()).isEmpty();
    assertThat(sink.outcomes)
        .containsExactly(
            new Outcome(
                "T-1", null, true, new BigDecimal("12.50"), 2, true, new BigDecimal("7.5"), false),
            new Outcome("T-2", null, false, null, 1, false, null, false));
  }

  @Test
  void outcome_noTaskColumn_usesRecordId() throws IOException {
    Path file = write("runs.csv", "run,model,in,ok", "r1,m,1,1", "r2,m,1,");

    CollectingSink sink =
        read(Format.CSV, pairs("id=run", "model=model", "input=in", "success=ok"), file);

    // an empty success cell means the outcome is unknown: the record is kept, no outcome
    assertThat(sink.records).hasSize(2);
    assertThat(sink.outcomes).containsExactly(Outcome.ofSuccess("r1", true));
    assertThat(sink.records.get(0).attribution().task()).isEqualTo("r1");
    assertThat(sink.records.get(1).attribution().task()).isNull();
  }

  @Test
  void outcome_invalidValues_rowRejected() throws IOException {
    Path file =
        write(
            "runs.csv",
            "run,model,in,ok,tries,value",
            "r1,m,1,maybe,1,",
            "r2,m,1,1,0,",
            "r3,m,1,1,1,-5");

    CollectingSink sink =
        read(
            Format.CSV,
            pairs(
                "id=run", "model=model", "input=in", "success=ok", "attempts=tries", "value=value"),
            file);

    assertThat(sink.records).isEmpty();
    assertThat(sink.outcomes).isEmpty();
    assertThat(sink.rejections)
        .extracting(Rejection::field, Rejection::reason)
        .containsExactly(
            tuple("ok", "is not a boolean; use true/false, yes/no or 1/0"),
            tuple("tries", "must be at least 1 (the first try counts)"),
            tuple("value", "is negative; a value in US dollars must be 0 or more"));
  }

  @Test
  void jsonl_decimalCost_keptExact() throws IOException {
    Path file =
        write(
            "calls.jsonl",
            "{\"model\":\"m\",\"in\":1,\"cost\":0.10}",
            "{\"model\":\"m\",\"in\":1,\"cost\":\"0.000003\"}");

    CollectingSink sink = read(Format.JSONL, pairs("model=model", "input=in", "cost=cost"), file);

    assertThat(sink.records.get(0).reportedCostUsd().toPlainString()).isEqualTo("0.10");
    assertThat(sink.records.get(1).reportedCostUsd()).isEqualTo(new BigDecimal("0.000003"));
  }

  @Test
  void mode_batchAndUnknown_handled() throws IOException {
    Path file = write("calls.csv", "model,in,mode", "m,1,batch", "m,1,", "m,1,overnight");

    CollectingSink sink = read(Format.CSV, pairs("model=model", "input=in", "mode=mode"), file);

    assertThat(sink.records)
        .extracting(UsageRecord::mode)
        .containsExactly(UsageMode.BATCH, UsageMode.INTERACTIVE);
    assertThat(sink.rejections).singleElement().extracting(Rejection::value).isEqualTo("overnight");
  }

  @Test
  void aggregateAndDefaultProvider_appliedToRecords() throws IOException {
    Path file = write("runs.csv", "model,in", "m,1");

    CollectingSink sink =
        read(
            Format.CSV,
            pairs("model=model", "input=in", "aggregate=true", "default.provider=openai"),
            file);

    assertThat(sink.records.get(0).aggregate()).isTrue();
    assertThat(sink.records.get(0).provider()).isEqualTo("openai");
  }

  @Test
  void csv_rowWithWrongValueCount_rejected() throws IOException {
    Path file = write("calls.csv", "model,in,out", "m,1,2", "m,1,2,3", "m,1", "m,4,5");

    CollectingSink sink = read(Format.CSV, pairs("model=model", "input=in", "output=out"), file);

    assertThat(sink.records).extracting(r -> r.tokens().input()).containsExactly(1L, 4L);
    assertThat(sink.rejections).extracting(Rejection::line).containsExactly(3L, 4L);
    assertThat(sink.rejections.get(0).reason())
        .isEqualTo(
            "has 4 values but the header has 3 columns; check the row for unquoted commas or"
                + " missing values");
  }

  @Test
  void csv_brokenQuoting_rejectedAndReadingStops() throws IOException {
    Path file = write("calls.csv", "model,in", "m,1", "m,\"2\"x", "m,3");

    CollectingSink sink = read(Format.CSV, pairs("model=model", "input=in"), file);

    assertThat(sink.records).hasSize(1);
    assertThat(sink.rejections).singleElement().extracting(Rejection::line).isEqualTo(3L);
    assertThat(sink.rejections.get(0).reason())
        .startsWith("is not valid CSV (")
        .contains("this row and the rest of the file were not read");
  }

  @Test
  void csv_quotedNewline_recordNumbers() throws IOException {
    Path file = write("calls.csv", "model,note,in", "m,\"two", "lines\",1", "", "m,plain,-1");

    CollectingSink sink = read(Format.CSV, pairs("model=model", "input=in"), file);

    assertThat(sink.records).hasSize(1);
    // the bad row is the second data record, so line 3, although it is physical line 5
    assertThat(sink.rejections).singleElement().extracting(Rejection::line).isEqualTo(3L);
  }

  @Test
  void byteOrderMark_skipped() throws IOException {
    Path file = dir.resolve("bom.csv");
    Files.writeString(file, "\uFEFFmodel,input_tokens,output_tokens\nm,5,6\n");

    CollectingSink sink = read(Format.CSV, null, file);

    assertThat(sink.records)
        .singleElement()
        .extracting(UsageRecord::tokens)
        .isEqualTo(TokenUsage.of(5, 6));
  }
}
