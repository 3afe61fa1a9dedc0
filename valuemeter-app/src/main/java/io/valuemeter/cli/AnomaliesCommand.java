package io.valuemeter.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.valuemeter.anomaly.Anomaly;
import io.valuemeter.anomaly.AnomalyKind;
import io.valuemeter.anomaly.Assessment;
import io.valuemeter.anomaly.CostOutcomeDivergenceDetector;
import io.valuemeter.anomaly.GradualIncreaseDetector;
import io.valuemeter.anomaly.RunVariationDetector;
import io.valuemeter.anomaly.SpikeDetector;
import io.valuemeter.anomaly.TimeSeries;
import io.valuemeter.guard.AlertDeduplicator;
import io.valuemeter.guard.AnomalyState;
import io.valuemeter.ingest.Rejection;
import io.valuemeter.ingest.servegen.ServeGenTraceReader;
import io.valuemeter.ledger.duckdb.AnomalyQuery;
import io.valuemeter.report.ReportRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code valuemeter anomalies}: spikes, gradual increases, run variation and cost divergence. */
@Command(
    name = "anomalies",
    mixinStandardHelpOptions = true,
    description = {
      "Finds anomalies per scope: sudden spikes of cost or calls (likely an agent loop), gradual"
          + " increases of prompt tokens per call (likely context bloat), high variation between"
          + " runs of the same task (likely inconsistent inputs) and cost per success rising"
          + " (likely model inefficiency). Scopes with too little history are listed as such.",
      "Reads the same input as report; see docs/anomalies.md for the methods and defaults."
    },
    footer = {
      "",
      "Examples:",
      "  valuemeter anomalies --scope model --window day",
      "  valuemeter anomalies --servegen chunk-0-trace.csv --format json"
    })
final class AnomaliesCommand implements Callable<Integer> {

  /** Window lengths of the spike series. */
  enum Window {
    hour(Duration.ofHours(1)),
    day(Duration.ofDays(1));

    final Duration length;

    Window(Duration length) {
      this.length = length;
    }
  }

  @Mixin InputOptions options;

  @Mixin ReportOptions reportOptions;

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      defaultValue = "agent",
      description =
          "Scope to judge separately: agent, model, session, task or workflow"
              + " (default: ${DEFAULT-VALUE}).")
  String scope;

  @Option(
      names = "--window",
      paramLabel = "WINDOW",
      defaultValue = "hour",
      description =
          "Window of the spike series: ${COMPLETION-CANDIDATES}, in UTC (default:"
              + " ${DEFAULT-VALUE}). Trends always use days.")
  Window window;

  @Option(
      names = "--spike-factor",
      paramLabel = "TIMES",
      defaultValue = "10",
      description =
          "How many times the trailing median a window must reach to be a spike"
              + " (default: ${DEFAULT-VALUE}).")
  double spikeFactor;

  @Option(
      names = "--category-tag",
      paramLabel = "TAG",
      defaultValue = "category",
      description =
          "Tag naming the kind of task, so that runs of the same kind are compared"
              + " (default: ${DEFAULT-VALUE}).")
  String categoryTag;

  @Option(
      names = "--servegen",
      paramLabel = "FILE",
      arity = "1..*",
      description =
          "ServeGen client traces (chunk-N-trace.csv) to analyse instead of the ledger:"
              + " spikes of requests per 10 minutes and gradual increases of requests per day.")
  List<Path> serveGenFiles = new ArrayList<>();

  @Mixin AlertOptions alerts;

  @Override
  public Integer call() throws Exception {
    if (reportOptions.format != ReportOptions.Format.table
        && reportOptions.format != ReportOptions.Format.json) {
      throw new UserException(
          "--format " + reportOptions.format + " is not supported here; use table or json",
          ExitCodes.USAGE);
    }
    SpikeDetector spikes = new SpikeDetector(spikeParameters());
    List<Assessment> assessments =
        serveGenFiles.isEmpty() ? fromLedger(spikes) : fromServeGen(spikes);
    if (reportOptions.format == ReportOptions.Format.json) {
      writeJson(assessments, System.out);
    } else {
      writeTable(assessments, System.out);
    }
    System.out.flush();
    if (alerts.enabled()) {
      sendAlerts(assessments);
    }
    return ExitCodes.OK;
  }

  /**
   * Sends one alert per anomaly: its kind, scope and window make its key, so an anomaly that an
   * earlier run reported is not sent again, and a new window of the same pattern is.
   */
  private void sendAlerts(List<Assessment> assessments) {
    try (AlertOptions.Sinks sinks = alerts.open()) {
      AlertDeduplicator deduplicator =
          new AlertDeduplicator(sinks.sink(), java.time.Clock.systemUTC());
      for (Assessment assessment : assessments) {
        for (Anomaly anomaly : assessment.anomalies()) {
          String window = anomaly.windowStart() == null ? "all" : anomaly.windowStart().toString();
          java.util.Map<String, String> details = new java.util.LinkedHashMap<>();
          details.put("kind", anomaly.kind().label());
          details.put("scope", anomaly.scope());
          details.put("window", window);
          details.put("observed", number(anomaly.observed()));
          details.put("baseline", number(anomaly.baseline()));
          deduplicator.anomalyChanged(
              new AnomalyState(
                  "anomaly/" + anomaly.kind().label() + "/" + anomaly.scope() + "/" + window,
                  true,
                  anomaly.kind().label()
                      + " in "
                      + anomaly.scope()
                      + " at "
                      + window
                      + ": likely "
                      + anomaly.likelyCause()
                      + "; "
                      + anomaly.action(),
                  details));
        }
      }
      System.err.println(
          "Alerts: "
              + sinks.sink().sent()
              + " new, "
              + sinks.sink().skipped()
              + " already sent by an earlier run ("
              + alerts.stateFile
              + ").");
    }
  }

  private SpikeDetector.Parameters spikeParameters() {
    try {
      return SpikeDetector.Parameters.DEFAULTS.withFactor(spikeFactor);
    } catch (IllegalArgumentException e) {
      throw new UserException("--spike-factor: " + e.getMessage(), ExitCodes.USAGE);
    }
  }

  private List<Assessment> fromLedger(SpikeDetector spikes) throws Exception {
    ReportRequest request = reportOptions.toRequest();
    AnomalyQuery.Scope scopeDimension = parseScope();
    List<Assessment> assessments = new ArrayList<>();
    try (LedgerSession session = LedgerSession.open(options)) {
      AnomalyQuery query =
          AnomalyQuery.open(session.ledger, session.catalog, request, scopeDimension);
      for (AnomalyQuery.UsageSeries usage : query.usage(window.length)) {
        assessments.add(spikesOfCostOrCalls(spikes, usage));
      }
      GradualIncreaseDetector gradual =
          new GradualIncreaseDetector(GradualIncreaseDetector.Parameters.DEFAULTS);
      for (Map.Entry<String, TimeSeries> tokens : query.promptTokensPerCallByDay().entrySet()) {
        assessments.add(gradual.assess(tokens.getKey(), tokens.getValue()));
      }
      RunVariationDetector variation =
          new RunVariationDetector(RunVariationDetector.Parameters.DEFAULTS);
      for (Map.Entry<String, List<RunVariationDetector.Run>> runs :
          query.runCosts(categoryTag).entrySet()) {
        assessments.add(variation.assess(runs.getKey(), "cost USD per run", runs.getValue()));
      }
      CostOutcomeDivergenceDetector divergence =
          new CostOutcomeDivergenceDetector(CostOutcomeDivergenceDetector.Parameters.DEFAULTS);
      for (AnomalyQuery.OutcomeSeries outcome : query.costAndSuccessesByDay()) {
        if (outcome.anyOutcome()) {
          assessments.add(
              divergence.assess(outcome.scope(), outcome.costUsd(), outcome.successes()));
        }
      }
    }
    return assessments;
  }

  /** Judges cost and calls; a calls spike in a window that already has a cost spike is dropped. */
  private static Assessment spikesOfCostOrCalls(
      SpikeDetector spikes, AnomalyQuery.UsageSeries usage) {
    Assessment cost = spikes.assess(usage.scope(), usage.costUsd());
    Assessment calls = spikes.assess(usage.scope(), usage.calls());
    List<Anomaly> anomalies = new ArrayList<>(cost.anomalies());
    for (Anomaly call : calls.anomalies()) {
      boolean covered =
          cost.anomalies().stream()
              .anyMatch(
                  spike ->
                      spike.windowStart().isBefore(call.windowEnd())
                          && call.windowStart().isBefore(spike.windowEnd()));
      if (!covered) {
        anomalies.add(call);
      }
    }
    anomalies.sort((a, b) -> a.windowStart().compareTo(b.windowStart()));
    return new Assessment(
        AnomalyKind.SPIKE, usage.scope(), cost.history(), anomalies, cost.notes());
  }

  private List<Assessment> fromServeGen(SpikeDetector spikes) throws IOException {
    GradualIncreaseDetector gradual =
        new GradualIncreaseDetector(GradualIncreaseDetector.Parameters.DEFAULTS);
    List<Assessment> assessments = new ArrayList<>();
    for (Path file : serveGenFiles) {
      if (!Files.isRegularFile(file)) {
        throw new UserException(
            file
                + (Files.isDirectory(file) ? " is a folder" : " not found")
                + "; pass a chunk-N-trace.csv file",
            ExitCodes.NO_INPUT);
      }
      List<Rejection> rejections = new ArrayList<>();
      TimeSeries requests = ServeGenTraceReader.read(file, Instant.EPOCH, rejections::add);
      for (Rejection rejection : rejections.subList(0, Math.min(20, rejections.size()))) {
        System.err.println("rejected: " + rejection.message());
      }
      if (rejections.size() > 20) {
        System.err.println((rejections.size() - 20) + " more lines of " + file + " rejected");
      }
      if (requests.valueCount() == 0) {
        throw new UserException(
            file
                + " has no valid trace line; expect a ServeGen chunk-N-trace.csv with"
                + " window_start_seconds, requests_per_second and four more columns per line",
            ExitCodes.NO_INPUT);
      }
      String scope = "trace=" + file.getFileName();
      assessments.add(spikes.assess(scope, requests));
      assessments.add(gradual.assess(scope, ServeGenSeries.daily(requests)));
    }
    return assessments;
  }

  private AnomalyQuery.Scope parseScope() {
    try {
      return AnomalyQuery.Scope.valueOf(scope.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserException(
          "--scope " + scope + " is not a scope; use agent, model, session, task or workflow",
          ExitCodes.USAGE);
    }
  }

  private static void writeTable(List<Assessment> assessments, PrintStream out) {
    int count = 0;
    for (Assessment assessment : assessments) {
      for (Anomaly anomaly : assessment.anomalies()) {
        count++;
        out.printf(
            Locale.ROOT,
            "%s %s%s: %s observed %s, baseline %s, magnitude %s; likely %s: %s%n",
            anomaly.kind().label(),
            anomaly.scope(),
            anomaly.windowStart() == null
                ? ""
                : " " + anomaly.windowStart() + " to " + anomaly.windowEnd(),
            anomaly.metric(),
            number(anomaly.observed()),
            number(anomaly.baseline()),
            number(anomaly.magnitude()),
            anomaly.likelyCause(),
            anomaly.action());
      }
    }
    if (count == 0) {
      out.println("No anomalies found in the scopes with enough history.");
    }
    for (Assessment assessment : assessments) {
      if (!assessment.history().enough()) {
        out.println(
            "not judged: "
                + assessment.kind().label()
                + " "
                + assessment.scope()
                + ", "
                + assessment.history().describe(unit(assessment.kind())));
      }
    }
  }

  private static void writeJson(List<Assessment> assessments, PrintStream out) throws IOException {
    try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeArrayFieldStart("anomalies");
      for (Assessment assessment : assessments) {
        for (Anomaly anomaly : assessment.anomalies()) {
          json.writeStartObject();
          json.writeStringField("kind", anomaly.kind().label());
          json.writeStringField("scope", anomaly.scope());
          json.writeStringField("metric", anomaly.metric());
          json.writeStringField("windowStart", String.valueOf(anomaly.windowStart()));
          json.writeStringField("windowEnd", String.valueOf(anomaly.windowEnd()));
          json.writeNumberField("observed", anomaly.observed());
          json.writeNumberField("baseline", anomaly.baseline());
          json.writeNumberField("magnitude", anomaly.magnitude());
          json.writeStringField("likelyCause", anomaly.likelyCause());
          json.writeStringField("action", anomaly.action());
          json.writeNumberField("historyValues", anomaly.history().available());
          json.writeEndObject();
        }
      }
      json.writeEndArray();
      json.writeArrayFieldStart("scopes");
      for (Assessment assessment : assessments) {
        json.writeStartObject();
        json.writeStringField("kind", assessment.kind().label());
        json.writeStringField("scope", assessment.scope());
        json.writeStringField("history", assessment.history().state().name());
        json.writeNumberField("historyValues", assessment.history().available());
        json.writeNumberField("historyRequired", assessment.history().required());
        json.writeNumberField("anomalies", assessment.anomalies().size());
        json.writeArrayFieldStart("notes");
        for (String note : assessment.notes()) {
          json.writeString(note);
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.println();
  }

  private static String unit(AnomalyKind kind) {
    return kind == AnomalyKind.RUN_VARIATION ? "runs" : "windows with data";
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
