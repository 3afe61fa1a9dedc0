package io.valuemeter.anomaly;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.valuemeter.ingest.servegen.ServeGenTraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Labelled benchmark of the anomaly detectors on the 40 ServeGen client traces. Anomalies of each
 * kind are injected at known places and sizes with a fixed seed, and clean copies measure false
 * positives. The test prints precision, recall and detection delay per kind.
 *
 * <p>Skipped unless {@code -Dvaluemeter.benchmark=true}; the folder of traces is {@code
 * -Dvaluemeter.servegen=DIR}, by default {@code ../../shared/data/servegen/language-m-large}.
 */
class AnomalyBenchmarkTest {

  private static final long SEED = 20250301L;
  private static final int SPIKES_PER_TRACE = 5;
  private static final int HOURS_PER_DAY = 24;
  private static final Duration HOUR = Duration.ofHours(1);

  /** Trend settings for hourly series: 7-day spans with at least half the hours present. */
  static final GradualIncreaseDetector.Parameters HOURLY_TREND =
      new GradualIncreaseDetector.Parameters(7 * HOURS_PER_DAY, 84, 0.01, 0.02);

  static final CostOutcomeDivergenceDetector.Parameters HOURLY_DIVERGENCE =
      new CostOutcomeDivergenceDetector.Parameters(7 * HOURS_PER_DAY, 84, 0.01, 0.1);

  /** Counts of one kind. */
  static final class Score {
    int injected;
    int detected;
    int falseInInjected;
    int cleanDetections;
    int cleanCopies;
    final List<Double> delays = new ArrayList<>();

    String row(String kind, String delayUnit) {
      double recall = (double) detected / injected;
      double strict = detected / (double) (detected + falseInInjected + cleanDetections);
      double labelled = detected / (double) (detected + falseInInjected);
      double[] sorted = delays.stream().mapToDouble(Double::doubleValue).toArray();
      String delay =
          sorted.length == 0
              ? "-"
              : String.format(Locale.ROOT, "%.1f %s", RobustStatistics.median(sorted), delayUnit);
      return String.format(
          Locale.ROOT,
          "| %s | %d | %d | %.3f | %.3f | %.3f | %d in %d | %s |",
          kind,
          injected,
          detected,
          recall,
          labelled,
          strict,
          cleanDetections,
          cleanCopies,
          delay);
    }
  }

  @Test
  void benchmark_serveGenTraces_precisionRecallDelay() throws Exception {
    assumeTrue(
        Boolean.getBoolean("valuemeter.benchmark"), "set -Dvaluemeter.benchmark=true to run");
    Path folder =
        Path.of(
            System.getProperty(
                "valuemeter.servegen", "../../shared/data/servegen/language-m-large"));
    assumeTrue(Files.isDirectory(folder), "no ServeGen traces in " + folder.toAbsolutePath());
    List<Path> traces = new ArrayList<>();
    for (int client = 0; client < 200; client++) {
      Path trace = folder.resolve("chunk-" + client + "-trace.csv");
      if (Files.isRegularFile(trace)) {
        traces.add(trace);
      }
    }
    Score spike = new Score();
    Score gradual = new Score();
    Score variation = new Score();
    Score divergence = new Score();
    int realSpikeTraces = 0;
    int realSpikes = 0;
    for (int t = 0; t < traces.size(); t++) {
      TimeSeries requests = ServeGenTraceReader.read(traces.get(t), Instant.EPOCH, r -> {});
      Random random = new Random(SEED + t);
      int real = spikes(requests, spike, random);
      realSpikes += real;
      realSpikeTraces += real > 0 ? 1 : 0;
      double[] hourly = hourly(requests);
      gradual(hourly, gradual, random);
      runVariation(requests, variation, random);
      divergence(hourly, divergence, random);
    }
    System.out.println("ServeGen traces: " + traces.size() + ", seed " + SEED);
    System.out.println(
        "| kind | injected | detected | recall | precision (labelled) | precision (clean detections counted false) | detections in clean copies | median delay |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    System.out.println(spike.row("spike", "windows"));
    System.out.println(gradual.row("gradual increase", "hours"));
    System.out.println(variation.row("run variation", "runs"));
    System.out.println(divergence.row("cost-outcome divergence", "hours"));
    System.out.println(
        "real spikes in clean traces: " + realSpikes + " in " + realSpikeTraces + " traces");
  }

  /** Injects 5 spikes of 8-20x the trailing median; returns the spikes of the clean trace. */
  private static int spikes(TimeSeries clean, Score score, Random random) {
    SpikeDetector detector = new SpikeDetector(SpikeDetector.Parameters.DEFAULTS);
    List<Anomaly> cleanAnomalies = detector.assess("clean", clean).anomalies();
    score.cleanCopies++;
    score.cleanDetections += cleanAnomalies.size();
    double[] values = values(clean);
    List<Integer> places = new ArrayList<>();
    int segment = (values.length - 48) / SPIKES_PER_TRACE;
    for (int k = 0; k < SPIKES_PER_TRACE; k++) {
      for (int attempt = 0; attempt < 50; attempt++) {
        int place = 48 + k * segment + 5 + random.nextInt(segment - 10);
        double median = RobustStatistics.median(Arrays.copyOfRange(values, place - 48, place));
        if (median > 0) {
          values[place] = median * (8 + 12 * random.nextDouble());
          places.add(place);
          break;
        }
      }
    }
    score.injected += places.size();
    List<Anomaly> found = detector.assess("injected", series(clean, values)).anomalies();
    for (Anomaly anomaly : found) {
      int first = index(clean, anomaly.windowStart());
      int last = index(clean, anomaly.windowEnd()) - 1;
      boolean hit = places.stream().anyMatch(p -> p >= first && p <= last);
      if (hit) {
        score.detected += (int) places.stream().filter(p -> p >= first && p <= last).count();
        score.delays.add(0.0);
      } else if (cleanAnomalies.stream()
          .noneMatch(c -> c.windowStart().equals(anomaly.windowStart()))) {
        score.falseInInjected++;
      }
    }
    return cleanAnomalies.size();
  }

  /**
   * Derives hourly prompt tokens per call: the mean of the hour's real request count of draws from
   * a lognormal with median 2,000 tokens and sigma 0.5 (normal approximation of the mean). An hour
   * without requests is a gap. Injects a ramp of 1-3% per day over 3-7 days, held afterwards.
   */
  private static void gradual(double[] hourly, Score score, Random random) {
    double sigma = 0.5;
    double mean = 2000 * Math.exp(sigma * sigma / 2);
    double perCallVariation = Math.sqrt(Math.exp(sigma * sigma) - 1);
    Double[] clean = new Double[hourly.length];
    for (int h = 0; h < hourly.length; h++) {
      long calls = Math.round(hourly[h]);
      clean[h] =
          calls == 0
              ? null
              : mean * (1 + perCallVariation / Math.sqrt(calls) * random.nextGaussian());
    }
    double ratePerDay = 0.01 + 0.02 * random.nextDouble();
    int days = 3 + random.nextInt(5);
    int start = rampStart(hourly.length, days, random);
    Double[] injected = clean.clone();
    for (int h = start; h < hourly.length; h++) {
      double elapsedDays = Math.min(h - start, days * HOURS_PER_DAY) / (double) HOURS_PER_DAY;
      injected[h] =
          injected[h] == null ? null : injected[h] * Math.pow(1 + ratePerDay, elapsedDays);
    }
    GradualIncreaseDetector detector = new GradualIncreaseDetector(HOURLY_TREND);
    score(
        detector.assess("clean", hourlySeries(clean)),
        detector.assess("injected", hourlySeries(injected)),
        start,
        score);
  }

  /**
   * Derives hourly cost and successes from the real request counts: cost $0.002 per call with 5%
   * noise, successes about 70% of calls. Injects a ramp of cost per call of 5-15% per day over 3-7
   * days, held afterwards, with successes unchanged.
   */
  private static void divergence(double[] hourly, Score score, Random random) {
    Double[] cost = new Double[hourly.length];
    Double[] successes = new Double[hourly.length];
    for (int h = 0; h < hourly.length; h++) {
      long calls = Math.round(hourly[h]);
      cost[h] = calls * 0.002 * Math.max(0, 1 + 0.05 * random.nextGaussian());
      double expected = 0.7 * calls;
      successes[h] =
          (double)
              Math.max(0, Math.round(expected + Math.sqrt(calls * 0.21) * random.nextGaussian()));
    }
    double ratePerDay = 0.05 + 0.10 * random.nextDouble();
    int days = 3 + random.nextInt(5);
    int start = rampStart(hourly.length, days, random);
    Double[] injected = cost.clone();
    for (int h = start; h < hourly.length; h++) {
      double elapsedDays = Math.min(h - start, days * HOURS_PER_DAY) / (double) HOURS_PER_DAY;
      injected[h] = cost[h] * Math.pow(1 + ratePerDay, elapsedDays);
    }
    CostOutcomeDivergenceDetector detector = new CostOutcomeDivergenceDetector(HOURLY_DIVERGENCE);
    TimeSeries outcome = hourlySeries(successes);
    score(
        detector.assess("clean", hourlySeries(cost), outcome),
        detector.assess("injected", hourlySeries(injected), outcome),
        start,
        score);
  }

  /**
   * Scores one clean and one injected trend copy; the delay runs to the end of the first rising
   * span.
   */
  private static void score(Assessment clean, Assessment injected, int start, Score score) {
    score.cleanCopies++;
    score.cleanDetections += clean.anomalies().size();
    score.injected++;
    boolean hit = false;
    for (Anomaly anomaly : injected.anomalies()) {
      int last = index(anomaly.windowEnd(), HOUR) - 1;
      if (last >= start && !hit) {
        hit = true;
        score.detected++;
        int firstEnd = index(anomaly.windowStart(), HOUR) + HOURLY_TREND.spanWindows() - 1;
        score.delays.add((double) Math.max(0, firstEnd - start));
      } else {
        score.falseInInjected++;
      }
    }
  }

  /**
   * Builds 10 steady tasks (robust variation about 0.15) and 10 varying tasks (robust variation
   * 0.6-1.5) of 20 runs each, priced from the trace's median busy window at $0.002 per request.
   */
  private static void runVariation(TimeSeries requests, Score score, Random random) {
    double[] busy = Arrays.stream(values(requests)).filter(v -> v > 0).toArray();
    double median = busy.length == 0 ? 100 : RobustStatistics.median(busy) * 0.002;
    RunVariationDetector detector =
        new RunVariationDetector(RunVariationDetector.Parameters.DEFAULTS);
    for (int task = 0; task < 10; task++) {
      score.cleanCopies++;
      score.cleanDetections +=
          detector.assess("clean", "cost", runs(median, 0.15, random)).anomalies().size();
      score.injected++;
      List<RunVariationDetector.Run> runs = runs(median, 0.6 + 0.9 * random.nextDouble(), random);
      if (!detector.assess("injected", "cost", runs).anomalies().isEmpty()) {
        score.detected++;
        for (int k = RunVariationDetector.Parameters.DEFAULTS.minRuns(); k <= runs.size(); k++) {
          if (!detector.assess("prefix", "cost", runs.subList(0, k)).anomalies().isEmpty()) {
            score.delays.add((double) k);
            break;
          }
        }
      }
    }
  }

  private static List<RunVariationDetector.Run> runs(
      double median, double variation, Random random) {
    List<RunVariationDetector.Run> runs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      double value = median * Math.max(0.02, 1 + variation * random.nextGaussian());
      runs.add(new RunVariationDetector.Run(null, null, value));
    }
    return runs;
  }

  /** Returns a ramp start with at least 3 days before it and 1 day after the ramp ends. */
  private static int rampStart(int hours, int days, Random random) {
    int earliest = 3 * HOURS_PER_DAY;
    int latest = hours - (days + 1) * HOURS_PER_DAY;
    return earliest + random.nextInt(latest - earliest + 1);
  }

  private static double[] hourly(TimeSeries tenMinutes) {
    double[] values = values(tenMinutes);
    double[] hours = new double[values.length / 6];
    for (int i = 0; i < hours.length * 6; i++) {
      hours[i / 6] += values[i];
    }
    return hours;
  }

  private static double[] values(TimeSeries series) {
    double[] values = new double[series.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = series.valueAt(i);
    }
    return values;
  }

  private static TimeSeries series(TimeSeries like, double[] values) {
    List<Double> list = new ArrayList<>();
    for (double value : values) {
      list.add(Double.isNaN(value) ? null : value);
    }
    return TimeSeries.of(like.metric(), like.startAt(0), like.window(), list);
  }

  private static TimeSeries hourlySeries(Double[] values) {
    return TimeSeries.of("hourly", Instant.EPOCH, HOUR, Arrays.asList(values));
  }

  private static int index(TimeSeries series, Instant start) {
    return index(start, series.window());
  }

  private static int index(Instant start, Duration window) {
    return (int) (Duration.between(Instant.EPOCH, start).toSeconds() / window.toSeconds());
  }
}
