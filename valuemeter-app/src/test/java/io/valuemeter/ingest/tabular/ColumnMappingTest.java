package io.valuemeter.ingest.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.valuemeter.ingest.tabular.ColumnMapping.Field;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnMappingTest {

  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void parse_file_readsColumnsTagsAndSettings() throws IOException {
    Path file =
        write(
            "runs.mapping",
            "# runs exported from the agent platform",
            "",
            "id = run_id",
            "model=model_name",
            "  input = tokens in  ",
            "cache_write = cache_created",
            "tag.team = owning team",
            "aggregate = true",
            "default.provider = anthropic",
            "time_zone = Europe/Berlin",
            "shape = anthropic");

    ColumnMapping mapping = ColumnMapping.parse(file);

    assertThat(mapping.column(Field.ID)).contains("run_id");
    assertThat(mapping.column(Field.MODEL)).contains("model_name");
    assertThat(mapping.column(Field.INPUT)).contains("tokens in");
    assertThat(mapping.column(Field.CACHE_WRITE_5M)).contains("cache_created");
    assertThat(mapping.column(Field.OUTPUT)).isEmpty();
    assertThat(mapping.tagColumns()).containsExactly(Map.entry("team", "owning team"));
    assertThat(mapping.aggregate()).isTrue();
    assertThat(mapping.defaultModel()).isEmpty();
    assertThat(mapping.defaultProvider()).contains("anthropic");
    assertThat(mapping.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(mapping.shape()).contains(UsageShape.ANTHROPIC);
    assertThat(mapping.promptIncludesCache()).isFalse();
    assertThat(mapping.mapsTokenColumn()).isTrue();
    assertThat(mapping.origin()).isEqualTo(file.toString());
  }

  @Test
  void defaults_unsetSettings_utcAndNotAggregate() {
    ColumnMapping mapping = ColumnMapping.ofPairs(List.of("output=out"), "--map");

    assertThat(mapping.aggregate()).isFalse();
    assertThat(mapping.timeZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(mapping.shape()).isEmpty();
    assertThat(mapping.defaultModel()).isEmpty();
  }

  @Test
  void parse_unknownKey_listsValidKeys() throws IOException {
    Path file = write("bad.mapping", "# comment", "id = run_id", "modle = model_name");

    assertThatThrownBy(() -> ColumnMapping.parse(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid column mapping in "
                + file
                + " (1 problem):\n"
                + "  line 3: unknown key \"modle\" (did you mean \"model\"?)\n"
                + "valid keys: id, time, provider, model, mode, agent, workflow, task, session,"
                + " step_kind, input, cache_read, cache_write_5m, cache_write_1h, output,"
                + " reasoning, prompt_tokens, cached_tokens, cost, success, value, attempts,"
                + " rework, human_minutes, escalated, tag.NAME, aggregate, default.model,"
                + " default.provider, time_zone, shape");
  }

  @Test
  void parse_severalProblems_reportedTogether() throws IOException {
    Path file =
        write(
            "bad.mapping",
            "model = model_name",
            "just some words",
            "aggregate = sometimes",
            "time_zone = Mars/Olympus",
            "model = other",
            "shape = gemini",
            "output =",
            "tag. = team",
            "= orphan");

    assertThatThrownBy(() -> ColumnMapping.parse(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid column mapping in " + file + " (8 problems):")
        .hasMessageContaining("line 2: expected key = value, found \"just some words\"")
        .hasMessageContaining("line 3: aggregate must be true or false, found \"sometimes\"")
        .hasMessageContaining("line 4: time_zone \"Mars/Olympus\" is not a time-zone ID")
        .hasMessageContaining("line 5: key \"model\" is already set at line 1")
        .hasMessageContaining("line 6: shape must be anthropic")
        .hasMessageContaining("line 7: key \"output\" has no value after '='")
        .hasMessageContaining("line 8: \"tag.\" needs a tag name")
        .hasMessageContaining("line 9: the key before '=' is missing")
        .hasMessageNotContaining("valid keys:");
  }

  @Test
  void ofPairs_invalidPair_namedInMessage() {
    assertThatThrownBy(() -> ColumnMapping.ofPairs(List.of("model=m", "inptu=tokens"), "--map"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "invalid column mapping in --map (1 problem):\n"
                + "  \"inptu=tokens\": unknown key \"inptu\" (did you mean \"input\"?)")
        .hasMessageContaining("valid keys: id, time,");
  }

  @Test
  void ofPairs_cacheWriteAlias_mapsCacheWrite5m() {
    ColumnMapping mapping = ColumnMapping.ofPairs(List.of("cache_write=created"), "--map");

    assertThat(mapping.column(Field.CACHE_WRITE_5M)).contains("created");
  }

  @Test
  void ofPairs_aliasAndKey_duplicate() {
    assertThatThrownBy(
            () -> ColumnMapping.ofPairs(List.of("cache_write=a", "cache_write_5m=b"), "--map"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "\"cache_write_5m=b\": key \"cache_write_5m\" is already set at \"cache_write=a\"");
  }

  @Test
  void ofPairs_columnContainingEquals_keptWhole() {
    ColumnMapping mapping = ColumnMapping.ofPairs(List.of("input=tokens=in"), "--map");

    assertThat(mapping.column(Field.INPUT)).contains("tokens=in");
  }

  @Test
  void merge_pairsOverrideFile() throws IOException {
    Path file =
        write(
            "base.mapping", "model = model_name", "input = in", "tag.team = team", "aggregate = 1");
    ColumnMapping override =
        ColumnMapping.ofPairs(
            List.of("model=engine", "output=out", "tag.env=environment", "aggregate=no"), "--map");

    ColumnMapping merged = ColumnMapping.parse(file).merge(override);

    assertThat(merged.column(Field.MODEL)).contains("engine");
    assertThat(merged.column(Field.INPUT)).contains("in");
    assertThat(merged.column(Field.OUTPUT)).contains("out");
    assertThat(merged.tagColumns())
        .containsExactly(Map.entry("team", "team"), Map.entry("env", "environment"));
    assertThat(merged.aggregate()).isFalse();
    assertThat(merged.origin()).isEqualTo(file + " and --map");
  }

  @Test
  void merge_unsetSettings_keepBase() {
    ColumnMapping base =
        ColumnMapping.ofPairs(List.of("default.model=gpt-4o", "time_zone=UTC"), "file");
    ColumnMapping override = ColumnMapping.ofPairs(List.of("output=out"), "--map");

    ColumnMapping merged = base.merge(override);

    assertThat(merged.defaultModel()).contains("gpt-4o");
    assertThat(merged.timeZone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void merge_inputAndPromptTokens_conflictReported() {
    ColumnMapping base = ColumnMapping.ofPairs(List.of("input=in"), "file");
    ColumnMapping override = ColumnMapping.ofPairs(List.of("prompt_tokens=prompt"), "--map");

    assertThatThrownBy(() -> base.merge(override))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid column mapping in file and --map (1 problem):")
        .hasMessageContaining("input cannot be mapped together with prompt_tokens");
  }

  @Test
  void shapeAnthropic_promptTokensMapped_rejected() {
    assertThatThrownBy(
            () ->
                ColumnMapping.ofPairs(
                    List.of("shape=anthropic", "prompt_tokens=p", "cached_tokens=c"), "--map"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "shape = anthropic reads input and cache_read as separate counts, so prompt_tokens"
                + " and cached_tokens must not be mapped");
  }

  @Test
  void shapeOpenai_inputMapped_rejected() {
    assertThatThrownBy(() -> ColumnMapping.ofPairs(List.of("shape=openai", "input=i"), "--map"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shape = openai computes input as prompt_tokens - cached_tokens");
  }

  @Test
  void promptIncludesCache_followsShapeOrMappedColumns() {
    assertThat(ColumnMapping.ofPairs(List.of("prompt_tokens=p"), "a").promptIncludesCache())
        .isTrue();
    assertThat(ColumnMapping.ofPairs(List.of("input=i"), "b").promptIncludesCache()).isFalse();
    assertThat(ColumnMapping.ofPairs(List.of("shape=OpenAI"), "c").promptIncludesCache()).isTrue();
    assertThat(ColumnMapping.ofPairs(List.of("default.model=m"), "d").mapsTokenColumn()).isFalse();
  }

  @Test
  void readingProblems_shapeOpenaiWithoutPrompt_listed() {
    ColumnMapping mapping = ColumnMapping.ofPairs(List.of("shape=openai", "output=o"), "--map");

    assertThat(mapping.readingProblems())
        .singleElement()
        .asString()
        .startsWith("prompt_tokens is not mapped, but shape = openai computes uncached input");
  }

  @Test
  void exampleMappings_parse() throws IOException {
    ColumnMapping terminalBench =
        ColumnMapping.parse(Path.of("../examples/terminal-bench.mapping"));
    ColumnMapping azure = ColumnMapping.parse(Path.of("../examples/azure-llm-trace.mapping"));

    assertThat(terminalBench.column(Field.ID)).contains("trial_id");
    assertThat(terminalBench.column(Field.TASK)).contains("trial_id");
    assertThat(terminalBench.column(Field.SUCCESS)).contains("success");
    assertThat(terminalBench.tagColumns()).containsExactly(Map.entry("category", "task_name"));
    assertThat(terminalBench.aggregate()).isTrue();
    assertThat(terminalBench.shape()).contains(UsageShape.ANTHROPIC);
    assertThat(azure.column(Field.TIME)).contains("TIMESTAMP");
    assertThat(azure.column(Field.INPUT)).contains("ContextTokens");
    assertThat(azure.column(Field.OUTPUT)).contains("GeneratedTokens");
    assertThat(azure.defaultModel()).isEmpty();
    assertThat(azure.timeZone()).isEqualTo(ZoneId.of("UTC"));
  }
}
