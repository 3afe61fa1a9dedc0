package io.valuemeter.ingest.codex;

import static org.assertj.core.api.Assertions.assertThat;

import io.valuemeter.ingest.CollectingSink;
import io.valuemeter.ingest.Rejection;
import io.valuemeter.usage.TokenUsage;
import io.valuemeter.usage.UsageMode;
import io.valuemeter.usage.UsageRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexReaderTest {

  @TempDir Path dir;

  private final CodexReader reader = new CodexReader();

  @Test
  void name_isCodex() {
    assertThat(reader.name()).isEqualTo("codex");
  }

  @Test
  void sessionAlphaFixture_givesTwoDeltas() throws IOException, URISyntaxException {
    CollectingSink sink = readResource("/codex/project-alpha/session-alpha.jsonl");

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records).hasSize(2);

    // First event: delta from zero. Input 1000 includes 250 cached, so uncached is 1000 - 250.
    UsageRecord first = sink.records.get(0);
    assertThat(first.tokens()).isEqualTo(new TokenUsage(750, 250, 0, 0, 125, 75));
    assertThat(first.model()).isEqualTo("gpt-5.2-codex");
    assertThat(first.id()).isEqualTo("codex:2026-05-13T09:01:00.000Z:1000:250:125:75");
    assertThat(first.time()).isEqualTo(Instant.parse("2026-05-13T09:01:00Z"));
    assertThat(first.origin()).isEqualTo("session-alpha.jsonl:2");

    // Second event: totals 3500/750/425/275 minus 1000/250/125/75 is 2500/500/300/200, so
    // uncached input is 2500 - 500 = 2000.
    UsageRecord second = sink.records.get(1);
    assertThat(second.tokens()).isEqualTo(new TokenUsage(2000, 500, 0, 0, 300, 200));
    assertThat(second.model()).isEqualTo("gpt-5.3-codex");
    assertThat(second.id()).isEqualTo("codex:2026-05-14T10:00:00.000Z:3500:750:425:275");

    assertThat(sink.records).extracting(UsageRecord::provider).containsOnly("openai");
    assertThat(sink.records).extracting(UsageRecord::mode).containsOnly(UsageMode.INTERACTIVE);
    assertThat(sink.records)
        .extracting(record -> record.attribution().agent())
        .containsOnly("codex");
    // The fixture has no session_meta line, so the session is the file name.
    assertThat(sink.records)
        .extracting(record -> record.attribution().session())
        .containsOnly("session-alpha");
  }

  @Test
  void branchHistory_replayedEventSharesParentId() throws IOException, URISyntaxException {
    CollectingSink parent = readResource("/codex/branch-history/2026-05-12T08-00-00-parent.jsonl");
    CollectingSink branch = readResource("/codex/branch-history/2026-05-12T08-02-00-branch.jsonl");

    assertThat(parent.records).hasSize(1);
    assertThat(branch.records).hasSize(2);
    assertThat(branch.records.get(0).id()).isEqualTo(parent.records.get(0).id());
    assertThat(parent.records.get(0).tokens()).isEqualTo(new TokenUsage(900, 100, 0, 0, 200, 20));
    // Branch delta: 1600 - 1000 = 600 input of which 300 - 100 = 200 cached, output 450 - 200 =
    // 250, reasoning 40 - 20 = 20.
    assertThat(branch.records.get(1).tokens()).isEqualTo(new TokenUsage(400, 200, 0, 0, 250, 20));

    // De-duplicated by id as the ledger does, the two files count the parent's call once.
    Map<String, TokenUsage> byId = new LinkedHashMap<>();
    for (UsageRecord record : parent.records) {
      byId.put(record.id(), record.tokens());
    }
    for (UsageRecord record : branch.records) {
      byId.put(record.id(), record.tokens());
    }
    TokenUsage sum = byId.values().stream().reduce(TokenUsage.ZERO, TokenUsage::plus);
    assertThat(byId).hasSize(2);
    assertThat(sum.promptTokens()).isEqualTo(1600);
    assertThat(sum.cacheRead()).isEqualTo(300);
    assertThat(sum.input()).isEqualTo(1300);
    assertThat(sum.output()).isEqualTo(450);
    assertThat(sum.reasoning()).isEqualTo(40);
  }

  @Test
  void repeatedEvent_yieldsNothing() throws IOException {
    CollectingSink sink =
        read(
            totals("2026-05-12T08:01:00Z", 1000, 100, 200, 20),
            totals("2026-05-12T08:01:01Z", 1000, 100, 200, 20));

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records).hasSize(1);
  }

  @Test
  void counterReset_countsNewTotalFromZero() throws IOException {
    CollectingSink sink =
        read(
            totals("2026-05-12T08:01:00Z", 1000, 100, 200, 20),
            totals("2026-05-12T08:02:00Z", 300, 0, 50, 0),
            totals("2026-05-12T08:03:00Z", 400, 50, 80, 10));

    assertThat(sink.records).hasSize(3);
    // 300 is below 1000, so the second event counts its whole total 300/0/50/0.
    assertThat(sink.records.get(1).tokens()).isEqualTo(new TokenUsage(300, 0, 0, 0, 50, 0));
    // The third is again a delta: 400 - 300 = 100 input of which 50 cached, output 30,
    // reasoning 10.
    assertThat(sink.records.get(2).tokens()).isEqualTo(new TokenUsage(50, 50, 0, 0, 30, 10));
  }

  @Test
  void malformedLine_rejectedAndReadingGoesOn() throws IOException {
    CollectingSink sink =
        read(
            totals("2026-05-12T08:01:00Z", 1000, 100, 200, 20),
            "{\"timestamp\":\"2026-05-12T08:01:30Z\",\"type\":\"event_msg\",\"payload\":{\"type\":",
            totals("2026-05-12T08:02:00Z", 1500, 100, 260, 20));

    assertThat(sink.rejections).hasSize(1);
    Rejection rejection = sink.rejections.get(0);
    assertThat(rejection.file()).isEqualTo("rollout.jsonl");
    assertThat(rejection.line()).isEqualTo(2);
    assertThat(rejection.field()).isNull();
    assertThat(rejection.reason()).startsWith("is not valid JSON");
    // 1500 - 1000 = 500 input, 260 - 200 = 60 output.
    assertThat(sink.records).hasSize(2);
    assertThat(sink.records.get(1).tokens()).isEqualTo(new TokenUsage(500, 0, 0, 0, 60, 0));
  }

  @Test
  void negativeCount_rejectedAndNextDeltaCoversIt() throws IOException {
    CollectingSink sink =
        read(
            totals("2026-05-12T08:01:00Z", 1000, 100, 200, 20),
            totals("2026-05-12T08:02:00Z", 1200, 100, -1, 20),
            totals("2026-05-12T08:03:00Z", 1500, 100, 300, 20));

    assertThat(sink.rejections).hasSize(1);
    Rejection rejection = sink.rejections.get(0);
    assertThat(rejection.line()).isEqualTo(2);
    assertThat(rejection.field()).isEqualTo("payload.info.total_token_usage.output_tokens");
    assertThat(rejection.value()).isEqualTo("-1");
    assertThat(rejection.reason()).contains("non-negative integers");
    // The rejected event leaves the totals at 1000/200, so the third counts 500 input and 100
    // output.
    assertThat(sink.records).hasSize(2);
    assertThat(sink.records.get(1).tokens()).isEqualTo(new TokenUsage(500, 0, 0, 0, 100, 0));
  }

  @Test
  void textCount_rejectedAsWrongType() throws IOException {
    CollectingSink sink =
        read(
            line(
                "{'timestamp':'2026-05-12T08:01:00Z','type':'event_msg','payload':{'type':"
                    + "'token_count','info':{'total_token_usage':{'input_tokens':'many'}}}}"));

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).hasSize(1);
    assertThat(sink.rejections.get(0).field())
        .isEqualTo("payload.info.total_token_usage.input_tokens");
    assertThat(sink.rejections.get(0).value()).isEqualTo("many");
    assertThat(sink.rejections.get(0).reason()).startsWith("is not an integer.");
  }

  @Test
  void nonObjectLine_rejected() throws IOException {
    CollectingSink sink = read("[1, 2]");

    assertThat(sink.rejections).hasSize(1);
    assertThat(sink.rejections.get(0).reason()).startsWith("is not a JSON object.");
  }

  @Test
  void nullInfo_skipped() throws IOException {
    CollectingSink sink =
        read(
            line(
                "{'timestamp':'2026-05-12T08:01:00Z','type':'event_msg','payload':{'type':"
                    + "'token_count','info':null,'rate_limits':{'primary':{'used_percent':5}}}}"));

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void lastUsageOnly_addsToTotals() throws IOException {
    CollectingSink sink =
        read(
            last("2026-05-12T08:01:00Z", 100, 10, 20, 5),
            last("2026-05-12T08:02:00Z", 50, 0, 10, 0));

    assertThat(sink.records).hasSize(2);
    assertThat(sink.records.get(0).tokens()).isEqualTo(new TokenUsage(90, 10, 0, 0, 20, 5));
    assertThat(sink.records.get(1).tokens()).isEqualTo(new TokenUsage(50, 0, 0, 0, 10, 0));
    // Running totals after the second event: 100 + 50, 10 + 0, 20 + 10, 5 + 0.
    assertThat(sink.records.get(1).id()).isEqualTo("codex:2026-05-12T08:02:00Z:150:10:30:5");
  }

  @Test
  void model_fromTurnContextThenUnknown() throws IOException {
    CollectingSink sink =
        read(
            totals("2026-05-12T08:01:00Z", 10, 0, 1, 0),
            line(
                "{'timestamp':'t','type':'turn_context','payload':{'cwd':'/w','model':'gpt-5.2'}}"),
            totals("2026-05-12T08:02:00Z", 20, 0, 2, 0));

    assertThat(sink.records).extracting(UsageRecord::model).containsExactly("unknown", "gpt-5.2");
  }

  @Test
  void sessionMeta_setsSession() throws IOException {
    CollectingSink sink =
        read(
            line(
                "{'timestamp':'2026-05-12T08:00:00Z','type':'session_meta','payload':"
                    + "{'id':'0199a1b2-session','cwd':'/w','originator':'codex_cli_rs'}}"),
            totals("2026-05-12T08:01:00Z", 10, 0, 1, 0));

    assertThat(sink.records.get(0).attribution().session()).isEqualTo("0199a1b2-session");
  }

  @Test
  void inconsistentSubsets_areCapped() throws IOException {
    CollectingSink sink = read(totals("2026-05-12T08:01:00Z", 100, 150, 10, 30));

    // Cached 150 is capped at input 100, and reasoning 30 at output 10.
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records.get(0).tokens()).isEqualTo(new TokenUsage(0, 100, 0, 0, 10, 10));
  }

  @Test
  void invalidTimestamp_rejectedWithField() throws IOException {
    CollectingSink sink = read(totals("12 May 2026", 10, 0, 1, 0));

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).hasSize(1);
    assertThat(sink.rejections.get(0).field()).isEqualTo("timestamp");
    assertThat(sink.rejections.get(0).value()).isEqualTo("12 May 2026");
  }

  @Test
  void otherLines_skippedSilently() throws IOException {
    CollectingSink sink =
        read(
            line(
                "{'timestamp':'2026-05-12T08:00:00Z','type':'response_item','payload':"
                    + "{'type':'message','role':'user','content':[{'type':'input_text'}]}}"),
            line(
                "{'timestamp':'2026-05-12T08:00:00Z','type':'event_msg','payload':"
                    + "{'type':'agent_message','message':'done','info':5}}"),
            line("{'note':'no type'}"));

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void looksLike_acceptsCodexLines() throws IOException, URISyntaxException {
    String first = Files.readAllLines(resource("/codex/project-alpha/session-alpha.jsonl")).get(0);

    assertThat(CodexReader.looksLike(first)).isTrue();
    assertThat(CodexReader.looksLike(line("{'type':'session_meta','payload':{'id':'s1'}}")))
        .isTrue();
    assertThat(CodexReader.looksLike(line("{'type':'response_item','payload':{}}"))).isTrue();
  }

  @Test
  void looksLike_rejectsOtherFormats() {
    assertThat(CodexReader.looksLike(line("{'type':'assistant','sessionId':'s1','message':{}}")))
        .isFalse();
    assertThat(CodexReader.looksLike(line("{'type':'event_msg'}"))).isFalse();
    assertThat(CodexReader.looksLike(line("{'type':'other','payload':{}}"))).isFalse();
    assertThat(CodexReader.looksLike("not json")).isFalse();
    assertThat(CodexReader.looksLike("")).isFalse();
  }

  private CollectingSink read(String... lines) throws IOException {
    Path file = dir.resolve("rollout.jsonl");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    CollectingSink sink = new CollectingSink();
    reader.read(file, "rollout.jsonl", sink);
    return sink;
  }

  private CollectingSink readResource(String name) throws IOException, URISyntaxException {
    Path file = resource(name);
    CollectingSink sink = new CollectingSink();
    reader.read(file, file.getFileName().toString(), sink);
    return sink;
  }

  /** Returns a token_count event with only cumulative totals. */
  private static String totals(
      String timestamp, long input, long cached, long output, long reasoning) {
    return tokenCount(timestamp, "total_token_usage", input, cached, output, reasoning);
  }

  /** Returns a token_count event with only the last turn's usage. */
  private static String last(
      String timestamp, long input, long cached, long output, long reasoning) {
    return tokenCount(timestamp, "last_token_usage", input, cached, output, reasoning);
  }

  private static String tokenCount(
      String timestamp, String usageField, long input, long cached, long output, long reasoning) {
    return line(
        "{'timestamp':'"
            + timestamp
            + "','type':'event_msg','payload':{'type':'token_count','info':{'"
            + usageField
            + "':{'input_tokens':"
            + input
            + ",'cached_input_tokens':"
            + cached
            + ",'output_tokens':"
            + output
            + ",'reasoning_output_tokens':"
            + reasoning
            + ",'total_tokens':"
            + (input + output)
            + "}}}}");
  }

  /** Returns the JSON with single quotes turned into double quotes, for readable test lines. */
  private static String line(String singleQuotedJson) {
    return singleQuotedJson.replace('\'', '"');
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(CodexReaderTest.class.getResource(name).toURI());
  }
}
