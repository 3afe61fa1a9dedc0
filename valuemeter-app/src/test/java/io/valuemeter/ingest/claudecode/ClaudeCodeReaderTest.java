package io.valuemeter.ingest.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.valuemeter.ingest.CollectingSink;
import io.valuemeter.ingest.Rejection;
import io.valuemeter.usage.TokenUsage;
import io.valuemeter.usage.UsageMode;
import io.valuemeter.usage.UsageRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeCodeReaderTest {

  private static final String SESSION = "3f9a2c1e-session";

  @TempDir Path dir;

  private final ClaudeCodeReader reader = new ClaudeCodeReader();

  @Test
  void name_isClaudeCode() {
    assertThat(reader.name()).isEqualTo("claude-code");
  }

  @Test
  void oneResponse_threeLines_shareOneId() throws IOException {
    CollectingSink sink =
        read(
            assistant("msg_a", "req_a", "{'input_tokens':10,'output_tokens':1}"),
            assistant("msg_a", "req_a", "{'input_tokens':10,'output_tokens':40}"),
            assistant("msg_a", "req_a", "{'input_tokens':10,'output_tokens':250}"));

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records).hasSize(3);
    assertThat(sink.records).extracting(UsageRecord::id).containsOnly("claude-code:msg_a:req_a");
    // The reader passes every line on in file order. The ledger keeps the last, largest usage,
    // so the final line must come last with output 250.
    assertThat(sink.records)
        .extracting(record -> record.tokens().output())
        .containsExactly(1L, 40L, 250L);
    assertThat(sink.records.get(2).origin()).isEqualTo("session.jsonl:3");
  }

  @Test
  void missingRequestId_idIsMessageIdOnly() throws IOException {
    CollectingSink sink =
        read(
            line(
                "{'timestamp':'2025-06-14T10:00:00Z','sessionId':'s1','message':{'id':'msg_b',"
                    + "'model':'claude-sonnet-4-5',"
                    + "'usage':{'input_tokens':5,'output_tokens':7}}}"));

    assertThat(sink.records).hasSize(1);
    assertThat(sink.records.get(0).id()).isEqualTo("claude-code:msg_b");
  }

  @Test
  void missingMessageId_hashesFileLineAndText() throws IOException, NoSuchAlgorithmException {
    String text = line("{'type':'assistant','message':{'usage':{'input_tokens':1000}}}");
    CollectingSink sink = read(line("{'type':'user','message':{}}"), text);

    String expectedHash = sha256Hex("session.jsonl:2:" + text).substring(0, 32);
    assertThat(sink.records).hasSize(1);
    assertThat(sink.records.get(0).id()).isEqualTo("claude-code:" + expectedHash);

    // Only the file name of the display name goes into the hash, so a different folder gives the
    // same id.
    CollectingSink again = new CollectingSink();
    reader.read(dir.resolve("session.jsonl"), "/elsewhere/session.jsonl", again);
    assertThat(again.records.get(0).id()).isEqualTo(sink.records.get(0).id());
  }

  @Test
  void usageBuckets_mapAnthropicCounts() throws IOException {
    CollectingSink sink =
        read(
            assistant(
                "msg_c",
                "req_c",
                "{'input_tokens':3,'cache_creation_input_tokens':1200,"
                    + "'cache_read_input_tokens':5000,'output_tokens':90}"));

    // Without a cache_creation split all 1200 written tokens count as 5-minute writes.
    assertThat(sink.records.get(0).tokens()).isEqualTo(new TokenUsage(3, 5000, 1200, 0, 90, 0));
  }

  @Test
  void cacheCreationSplit_fillsBothLifetimes() throws IOException {
    CollectingSink sink =
        read(
            assistant(
                "msg_d",
                "req_d",
                "{'input_tokens':3,'cache_creation_input_tokens':1500,"
                    + "'cache_read_input_tokens':0,'output_tokens':20,'cache_creation':"
                    + "{'ephemeral_5m_input_tokens':500,'ephemeral_1h_input_tokens':1000}}"));

    TokenUsage tokens = sink.records.get(0).tokens();
    assertThat(tokens.cacheWrite5m()).isEqualTo(500);
    assertThat(tokens.cacheWrite1h()).isEqualTo(1000);
    // 3 input + 0 read + 500 + 1000 written = 1503 prompt tokens.
    assertThat(tokens.promptTokens()).isEqualTo(1503);
  }

  @Test
  void partialSplit_restIsFiveMinute() throws IOException {
    CollectingSink sink =
        read(
            assistant(
                "msg_e",
                "req_e",
                "{'input_tokens':1,'cache_creation_input_tokens':900,'output_tokens':2,"
                    + "'cache_creation':{'ephemeral_1h_input_tokens':600}}"));

    // The split names 600 one-hour tokens of 900, so the other 900 - 600 = 300 are 5-minute.
    TokenUsage tokens = sink.records.get(0).tokens();
    assertThat(tokens.cacheWrite1h()).isEqualTo(600);
    assertThat(tokens.cacheWrite5m()).isEqualTo(300);
  }

  @Test
  void costUsd_keptAsExactDecimal() throws IOException {
    CollectingSink sink =
        read(
            line(
                "{'sessionId':'s1','requestId':'r1','costUSD':0.1234567890123456789,"
                    + "'message':{'id':'m1','model':'claude-opus-4',"
                    + "'usage':{'output_tokens':1}}}"));

    // A double would round this to 0.12345678901234568.
    assertThat(sink.records.get(0).reportedCostUsd())
        .isEqualTo(new BigDecimal("0.1234567890123456789"));
  }

  @Test
  void malformedLine_rejectedAndNeighboursKept() throws IOException {
    CollectingSink sink =
        read(
            assistant("msg_1", "req_1", "{'input_tokens':1,'output_tokens':1}"),
            "{\"type\":\"assistant\",\"message\":{\"usage\":{\"input_tokens\":",
            assistant("msg_3", "req_3", "{'input_tokens':3,'output_tokens':3}"));

    assertThat(sink.records)
        .extracting(UsageRecord::origin)
        .containsExactly("session.jsonl:1", "session.jsonl:3");
    assertThat(sink.rejections).hasSize(1);
    Rejection rejection = sink.rejections.get(0);
    assertThat(rejection.file()).isEqualTo("session.jsonl");
    assertThat(rejection.line()).isEqualTo(2);
    assertThat(rejection.field()).isNull();
    assertThat(rejection.reason()).startsWith("is not valid JSON");
    assertThat(rejection.reason()).endsWith("Fix or remove the line.");
  }

  @Test
  void negativeCount_rejectedWithFieldAndValue() throws IOException {
    CollectingSink sink =
        read(assistant("msg_n", "req_n", "{'input_tokens':-5,'output_tokens':10}"));

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).hasSize(1);
    Rejection rejection = sink.rejections.get(0);
    assertThat(rejection.line()).isEqualTo(1);
    assertThat(rejection.field()).isEqualTo("message.usage.input_tokens");
    assertThat(rejection.value()).isEqualTo("-5");
    assertThat(rejection.reason()).contains("non-negative integers");
    assertThat(rejection.message())
        .isEqualTo(
            "session.jsonl line 1: field \"message.usage.input_tokens\" value \"-5\" is negative."
                + " Token counts must be non-negative integers, so fix or remove the line.");
  }

  @Test
  void textCount_rejectedAsWrongType() throws IOException {
    CollectingSink sink =
        read(
            assistant("msg_t", "req_t", "{'input_tokens':5,'output_tokens':'many'}"),
            assistant("msg_f", "req_f", "{'input_tokens':5,'output_tokens':2.5}"),
            assistant(
                "msg_h",
                "req_h",
                "{'output_tokens':1,'cache_creation':{'ephemeral_1h_input_tokens':-1}}"));

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections)
        .extracting(Rejection::field)
        .containsExactly(
            "message.usage.output_tokens",
            "message.usage.output_tokens",
            "message.usage.cache_creation.ephemeral_1h_input_tokens");
    assertThat(sink.rejections).extracting(Rejection::value).containsExactly("many", "2.5", "-1");
    assertThat(sink.rejections.get(0).reason()).startsWith("is not an integer.");
  }

  @Test
  void linesWithoutUsage_skippedSilently() throws IOException {
    CollectingSink sink =
        read(
            line("{'type':'user','sessionId':'s1','message':{'role':'user','content':'hi'}}"),
            line("{'type':'summary','summary':'Fixed the build','leafUuid':'u1'}"),
            line("{'type':'system','content':'compacted','sessionId':'s1'}"),
            line("{'type':'file-history-snapshot','messageId':'m1','snapshot':{}}"),
            line("{'type':'user','message':'error'}"),
            line("{'type':'assistant','message':{'id':'m2','usage':null}}"),
            "",
            "   ");

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void badFieldOnLineWithoutUsage_notRejected() throws IOException {
    // Field types are checked only on lines that carry usage.
    CollectingSink sink = read(line("{'type':'user','timestamp':42,'message':{'id':7}}"));

    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void nonObjectLines_rejected() throws IOException {
    CollectingSink sink = read("\"massive error\"", "42", "[1]", "null");

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).extracting(Rejection::line).containsExactly(1L, 2L, 3L, 4L);
    assertThat(sink.rejections.get(0).value()).isEqualTo("\"massive error\"");
    assertThat(sink.rejections.get(0).reason()).startsWith("is not a JSON object.");
  }

  @Test
  void trailingData_rejected() throws IOException {
    String first = assistant("msg_x", "req_x", "{'output_tokens':1}");
    CollectingSink sink = read(first + first);

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).hasSize(1);
    assertThat(sink.rejections.get(0).reason()).startsWith("is not valid JSON");
  }

  @Test
  void syntheticZeroUsage_skipped() throws IOException {
    CollectingSink sink =
        read(
            line(
                "{'sessionId':'s1','message':{'id':'m1','model':'<synthetic>','usage':"
                    + "{'input_tokens':0,'output_tokens':0,'cache_creation_input_tokens':0,"
                    + "'cache_read_input_tokens':0}}}"),
            line(
                "{'sessionId':'s1','message':{'id':'m2','model':'<synthetic>','usage':"
                    + "{'input_tokens':0,'output_tokens':4}}}"));

    // Only the synthetic line with non-zero usage is kept, because its tokens are real counts.
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records).extracting(UsageRecord::id).containsExactly("claude-code:m2");
  }

  @Test
  void missingModel_isUnknown() throws IOException {
    CollectingSink sink =
        read(line("{'sessionId':'s1','message':{'id':'m1','usage':{'output_tokens':4}}}"));

    assertThat(sink.records.get(0).model()).isEqualTo("unknown");
    assertThat(sink.records.get(0).provider()).isEqualTo("anthropic");
  }

  @Test
  void timestamps_parsedWithZoneOrOffset() throws IOException {
    CollectingSink sink =
        read(
            line("{'timestamp':'2025-11-19T22:53:34.908Z','message':{'id':'m1','usage':{}}}"),
            line("{'timestamp':'2025-11-19T23:53:34+01:00','message':{'id':'m2','usage':{}}}"),
            line("{'message':{'id':'m3','usage':{}}}"));

    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records.get(0).time()).isEqualTo(Instant.parse("2025-11-19T22:53:34.908Z"));
    // 23:53:34 at +01:00 is 22:53:34 UTC.
    assertThat(sink.records.get(1).time()).isEqualTo(Instant.parse("2025-11-19T22:53:34Z"));
    assertThat(sink.records.get(2).time()).isNull();
  }

  @Test
  void invalidTimestamp_rejectedWithField() throws IOException {
    CollectingSink sink =
        read(line("{'timestamp':'yesterday','message':{'id':'m1','usage':{'output_tokens':1}}}"));

    assertThat(sink.records).isEmpty();
    assertThat(sink.rejections).hasSize(1);
    assertThat(sink.rejections.get(0).field()).isEqualTo("timestamp");
    assertThat(sink.rejections.get(0).value()).isEqualTo("yesterday");
  }

  @Test
  void attribution_takesSessionSidechainAndProject() throws IOException {
    Path projectDir = Files.createDirectories(dir.resolve("my-project"));
    Path file = projectDir.resolve("fallback-session.jsonl");
    Files.write(
        file,
        List.of(
            line(
                "{'sessionId':'s42','isSidechain':true,'message':{'id':'m1',"
                    + "'model':'claude-haiku-4-5','usage':{'output_tokens':1}}}"),
            line("{'isSidechain':false,'message':{'id':'m2','usage':{'output_tokens':1}}}")),
        StandardCharsets.UTF_8);
    CollectingSink sink = new CollectingSink();
    reader.read(file, "fallback-session.jsonl", sink);

    UsageRecord sidechain = sink.records.get(0);
    assertThat(sidechain.attribution().agent()).isEqualTo("claude-code");
    assertThat(sidechain.attribution().session()).isEqualTo("s42");
    assertThat(sidechain.attribution().tags())
        .isEqualTo(Map.of("sidechain", "true", "project", "my-project"));
    assertThat(sidechain.mode()).isEqualTo(UsageMode.INTERACTIVE);
    assertThat(sidechain.aggregate()).isFalse();
    assertThat(sidechain.reportedCostUsd()).isNull();

    UsageRecord mainChain = sink.records.get(1);
    assertThat(mainChain.attribution().session()).isEqualTo("fallback-session");
    assertThat(mainChain.attribution().tags()).isEqualTo(Map.of("project", "my-project"));
  }

  @Test
  void sidechainFixture_givesFourLinesThreeResponses() throws IOException, URISyntaxException {
    Path file = resource("/claude-code/claude-code-log/sidechain_integrated.jsonl");
    CollectingSink sink = new CollectingSink();
    reader.read(file, "sidechain_integrated.jsonl", sink);

    // Lines 1, 3, 4 and 6 carry usage, and lines 3 and 4 are two content blocks of one response.
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.records)
        .extracting(UsageRecord::origin)
        .containsExactly(
            "sidechain_integrated.jsonl:1",
            "sidechain_integrated.jsonl:3",
            "sidechain_integrated.jsonl:4",
            "sidechain_integrated.jsonl:6");
    Set<String> distinctIds =
        sink.records.stream().map(UsageRecord::id).collect(Collectors.toSet());
    assertThat(distinctIds)
        .containsExactlyInAnyOrder(
            "claude-code:msg_01H4wg8bFy2psdmQvJMU6kpD:req_011CVJ517iGrQqjVFtrWsUgP",
            "claude-code:msg_017zj75dqWUNqVxCUrhqbTkf:req_011CVJ51ytkcBEjrQhRNswqR",
            "claude-code:msg_011b5A5rZCXR7eBYR4VbohVZ:req_011CVJ5Au8m6JgC6Ly7SbVPv");
    assertThat(sink.records.get(2).id()).isEqualTo(sink.records.get(1).id());

    assertThat(sink.records.get(0).tokens()).isEqualTo(new TokenUsage(3, 0, 141272, 0, 365, 0));
    assertThat(sink.records.get(3).tokens()).isEqualTo(new TokenUsage(3, 141272, 2952, 0, 190, 0));
    assertThat(sink.records)
        .extracting(UsageRecord::model)
        .containsOnly("claude-sonnet-4-5-20250929");
    assertThat(sink.records)
        .extracting(record -> record.attribution().session())
        .containsOnly("88a8d761-7b9a-4bf1-a8ca-c1febe6bf358");
    assertThat(sink.records)
        .extracting(record -> record.attribution().tags().get("sidechain"))
        .containsExactly(null, "true", "true", null);
    assertThat(sink.records)
        .extracting(record -> record.attribution().tags().get("project"))
        .containsOnly("claude-code-log");
    assertThat(sink.records.get(0).time()).isEqualTo(Instant.parse("2025-11-19T22:53:34.908Z"));

    // Summed over all four lines: output 365 + 183 + 183 + 190 = 921, and 5-minute cache writes
    // 141272 + 19830 + 19830 + 2952 = 183884. The ledger keeps one line per id, which leaves
    // output 921 - 183 = 738 and cache writes 183884 - 19830 = 164054.
    TokenUsage sum =
        sink.records.stream().map(UsageRecord::tokens).reduce(TokenUsage.ZERO, TokenUsage::plus);
    assertThat(sum.output()).isEqualTo(921);
    assertThat(sum.cacheWrite5m()).isEqualTo(183884);
  }

  @Test
  void edgeCaseFixture_rejectsNonObjectLines() throws IOException, URISyntaxException {
    Path file = resource("/claude-code/claude-code-log/edge_cases.jsonl");
    CollectingSink sink = new CollectingSink();
    reader.read(file, "edge_cases.jsonl", sink);

    // Lines 13, 15 and 16 contain a string, a number and an array, which are JSON but not
    // objects. Line 14 is an object without usage, and line 11 has a plain string as its message.
    assertThat(sink.rejections).extracting(Rejection::line).containsExactly(13L, 15L, 16L);
    assertThat(sink.records)
        .extracting(UsageRecord::id)
        .containsExactly(
            "claude-code:edge_002:req_edge_001",
            "claude-code:edge_004:req_edge_002",
            "claude-code:edge_009:req_edge_003",
            "claude-code:msg_004:req_004");
    assertThat(sink.records)
        .extracting(record -> record.tokens().output())
        .containsExactly(145L, 25L, 180L, 85L);
  }

  @Test
  void projectFixture_keepsReportedCost() throws IOException, URISyntaxException {
    Path file = resource("/claude-code/project-alpha/session-alpha/chat.jsonl");
    CollectingSink sink = new CollectingSink();
    reader.read(file, "chat.jsonl", sink);

    assertThat(sink.records)
        .extracting(UsageRecord::reportedCostUsd)
        .containsExactly(new BigDecimal("0.12"), new BigDecimal("0.34"), new BigDecimal("0.56"));
    assertThat(sink.records.get(1).model()).isEqualTo("claude-opus-4-20250514");
    // Line 2: input 200, cache read 20, cache write 50, output 75.
    assertThat(sink.records.get(1).tokens()).isEqualTo(new TokenUsage(200, 20, 50, 0, 75, 0));
  }

  @Test
  void looksLike_acceptsTranscriptLines() throws IOException, URISyntaxException {
    String sidechainFirst =
        Files.readAllLines(resource("/claude-code/claude-code-log/sidechain_integrated.jsonl"))
            .get(0);

    assertThat(ClaudeCodeReader.looksLike(sidechainFirst)).isTrue();
    assertThat(ClaudeCodeReader.looksLike(line("{'type':'user','message':{'role':'user'}}")))
        .isTrue();
    assertThat(ClaudeCodeReader.looksLike(line("{'message':{'usage':{}}}"))).isTrue();
    assertThat(ClaudeCodeReader.looksLike(line("{'type':'summary','parentUuid':null}"))).isTrue();
    assertThat(ClaudeCodeReader.looksLike(line("{'type':'system','uuid':'u1'}"))).isTrue();
    // real transcripts may open with a summary or a file snapshot line
    assertThat(ClaudeCodeReader.looksLike(line("{'type':'summary','leafUuid':'u9'}"))).isTrue();
    assertThat(ClaudeCodeReader.looksLike(line("{'type':'file-history-snapshot'}"))).isTrue();
    assertThat(ClaudeCodeReader.looksLike(line("{'type':'user','message':{}}"))).isTrue();
  }

  @Test
  void looksLike_rejectsOtherFormats() {
    assertThat(
            ClaudeCodeReader.looksLike(
                line("{'timestamp':'t','type':'turn_context','payload':{'model':'gpt-5.2'}}")))
        .isFalse();
    assertThat(ClaudeCodeReader.looksLike(line("{'type':'assistant'}"))).isFalse();
    assertThat(ClaudeCodeReader.looksLike(line("{'message':'hello'}"))).isFalse();
    assertThat(ClaudeCodeReader.looksLike("time,model,input_tokens")).isFalse();
    assertThat(ClaudeCodeReader.looksLike("[{\"sessionId\":\"s1\"}]")).isFalse();
    assertThat(ClaudeCodeReader.looksLike("{\"sessionId\":")).isFalse();
    assertThat(ClaudeCodeReader.looksLike("")).isFalse();
  }

  /** Writes the lines to session.jsonl in the temporary folder and reads it. */
  private CollectingSink read(String... lines) throws IOException {
    Path file = dir.resolve("session.jsonl");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    CollectingSink sink = new CollectingSink();
    reader.read(file, "session.jsonl", sink);
    return sink;
  }

  /** Returns an assistant line of session {@value #SESSION} with the given usage object. */
  private static String assistant(String messageId, String requestId, String usage) {
    return line(
        "{'type':'assistant','timestamp':'2025-06-14T10:00:00Z','sessionId':'"
            + SESSION
            + "','requestId':'"
            + requestId
            + "','message':{'id':'"
            + messageId
            + "','model':'claude-sonnet-4-5-20250929','usage':"
            + usage
            + "}}");
  }

  /** Returns the JSON with single quotes turned into double quotes, for readable test lines. */
  private static String line(String singleQuotedJson) {
    return singleQuotedJson.replace('\'', '"');
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ClaudeCodeReaderTest.class.getResource(name).toURI());
  }

  private static String sha256Hex(String text) throws NoSuchAlgorithmException {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }
}
