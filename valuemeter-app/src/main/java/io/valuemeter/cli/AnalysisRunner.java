package io.valuemeter.cli;

import io.valuemeter.advice.ModelChoice;
import io.valuemeter.advice.ModelTaskStats;
import io.valuemeter.advice.PrefixCacheSimulation;
import io.valuemeter.economics.EconomicsAnalysis;
import io.valuemeter.economics.TokenEfficiency;
import io.valuemeter.economics.UsageSummary;
import io.valuemeter.ingest.Rejection;
import io.valuemeter.ingest.trace.PrefixTraceReader;
import io.valuemeter.ledger.duckdb.AdviceQuery;
import io.valuemeter.ledger.duckdb.DuckDbLedger;
import io.valuemeter.ledger.duckdb.ReportQuery;
import io.valuemeter.pricing.ModelPrice;
import io.valuemeter.pricing.PriceCatalog;
import io.valuemeter.report.AdviceReport;
import io.valuemeter.report.Dimension;
import io.valuemeter.report.InputSummary;
import io.valuemeter.report.ReportGroup;
import io.valuemeter.report.ReportRequest;
import io.valuemeter.report.UsageReport;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes the key metrics, triggers, verdict and advice from an open ledger. */
final class AnalysisRunner {

  private final DuckDbLedger ledger;
  private final PriceCatalog catalog;
  private final ReportRequest base;
  private final AnalysisOptions options;
  private final PrintStream err;

  AnalysisRunner(
      DuckDbLedger ledger,
      PriceCatalog catalog,
      ReportRequest base,
      AnalysisOptions options,
      PrintStream err) {
    this.ledger = ledger;
    this.catalog = catalog;
    this.base = base;
    this.options = options;
    this.err = err;
  }

  /** Returns the key metrics by period, the model comparison, the triggers and the verdict. */
  EconomicsAnalysis analyse() {
    Dimension period = options.periodDimension();
    UsageReport byPeriod = run(List.of(period));
    List<EconomicsAnalysis.Period> periods = new ArrayList<>();
    for (ReportGroup group : byPeriod.groups()) {
      periods.add(new EconomicsAnalysis.Period(group.key().get(period), group.summary()));
    }
    if (periods.isEmpty() || byPeriod.recordsWithoutTime() == byPeriod.totals().calls()) {
      periods = List.of(new EconomicsAnalysis.Period("all (no timestamps)", byPeriod.totals()));
    }
    Map<String, UsageSummary> models = new LinkedHashMap<>();
    for (ReportGroup group : run(List.of(Dimension.MODEL)).groups()) {
      models.put(group.key().get(Dimension.MODEL), group.summary());
    }
    List<TokenEfficiency> efficiency =
        TokenEfficiency.compare(AdviceQuery.tokenEfficiencyCells(ledger, options.categoryTag));
    return EconomicsAnalysis.of(periods, models, efficiency, options.targets());
  }

  /** Returns the advice: model choice, batch, caching and the workflow cost stack. */
  AdviceReport advise() throws IOException {
    run(List.of());
    List<ModelTaskStats> stats = AdviceQuery.modelTaskStats(ledger, options.categoryTag);
    ModelChoice choice = null;
    String note = "";
    if (stats.isEmpty()) {
      note =
          "no priced model has outcomes on tasks tagged \""
              + options.categoryTag
              + "\"; tag comparable tasks (for example tag."
              + options.categoryTag
              + " = COLUMN in the mapping) to compare models";
    } else {
      try {
        BigDecimal target = options.successTarget;
        if (target == null) {
          BigDecimal strongest =
              ModelChoice.replay(stats, BigDecimal.ZERO, 1).strongest().successRate();
          target = strongest.multiply(new BigDecimal("0.9")).setScale(4, RoundingMode.HALF_EVEN);
        }
        choice = ModelChoice.replay(stats, target, options.maxStages);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage(), ExitCodes.USAGE);
      }
    }
    return new AdviceReport(
        options.categoryTag,
        choice,
        note,
        AdviceQuery.batchOptions(ledger),
        AdviceQuery.cacheUse(ledger),
        traceCaching(),
        AdviceQuery.workflowStacks(ledger));
  }

  private PrefixCacheSimulation.Result traceCaching() throws IOException {
    if (options.cacheTrace == null) {
      return null;
    }
    if (options.traceModel == null) {
      throw new UserException(
          "--cache-trace needs --trace-model to name the model whose prices apply",
          ExitCodes.USAGE);
    }
    ModelPrice price =
        catalog
            .find(options.traceModel, null, null)
            .orElseThrow(
                () ->
                    new UserException(
                        "--trace-model "
                            + options.traceModel
                            + " is not in the price catalog; add it with --prices FILE",
                        ExitCodes.USAGE));
    PrefixCacheSimulation simulation;
    try {
      simulation = new PrefixCacheSimulation(options.blockTokens);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), ExitCodes.USAGE);
    }
    List<Rejection> rejections = new ArrayList<>();
    PrefixTraceReader.read(options.cacheTrace, simulation, rejections::add);
    for (Rejection rejection : rejections.subList(0, Math.min(20, rejections.size()))) {
      err.println("rejected: " + rejection.message());
    }
    return simulation.result(price);
  }

  private UsageReport run(List<Dimension> groupBy) {
    ReportRequest request =
        new ReportRequest(groupBy, base.zone(), base.since(), base.until(), base.humanCost());
    return ReportQuery.run(ledger, catalog, request, InputSummary.none());
  }
}
