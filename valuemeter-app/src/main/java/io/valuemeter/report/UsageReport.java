package io.valuemeter.report;

import io.valuemeter.economics.UsageSummary;
import java.util.List;

/**
 * A finished report: totals, groups and unpriced models, plus what was read to make it.
 *
 * @param request what the report covers
 * @param catalogName the price catalog used, such as {@code built-in}
 * @param totals every record inside the time filter
 * @param groups one entry per group, in key order
 * @param unpricedModels models left out of the cost totals
 * @param recordsWithoutTime records inside {@code totals} that have no timestamp, and so appear in
 *     no day, week or month group
 * @param recordsOutsidePeriod records left out by {@code --since} or {@code --until}, untimed
 *     records included
 * @param outcomesWithoutUsage outcomes whose task has no usage record in the ledger
 * @param input what was read: counts of imported, duplicate and rejected records
 */
public record UsageReport(
    ReportRequest request,
    String catalogName,
    UsageSummary totals,
    List<ReportGroup> groups,
    List<UnpricedModel> unpricedModels,
    long recordsWithoutTime,
    long recordsOutsidePeriod,
    long outcomesWithoutUsage,
    InputSummary input) {}
