package io.valuemeter.report;

import io.valuemeter.economics.UsageSummary;
import java.util.Map;

/**
 * One row of a grouped report.
 *
 * @param key the value of each grouping dimension, in grouping order
 * @param summary the group's totals and metrics
 */
public record ReportGroup(Map<Dimension, String> key, UsageSummary summary) {}
