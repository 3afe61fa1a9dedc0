package io.valuemeter.report;

import io.valuemeter.economics.HumanCostSettings;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What a report covers and how it groups.
 *
 * @param groupBy grouping dimensions, outermost first; empty for totals only
 * @param zone the zone whose days, weeks and months group the records
 * @param since first instant included, or null for no lower bound
 * @param until first instant excluded, or null for no upper bound
 * @param humanCost how human time is priced
 */
public record ReportRequest(
    List<Dimension> groupBy,
    ZoneId zone,
    Instant since,
    Instant until,
    HumanCostSettings humanCost) {

  /** Creates a request with the default human cost settings. */
  public ReportRequest(List<Dimension> groupBy, ZoneId zone, Instant since, Instant until) {
    this(groupBy, zone, since, until, HumanCostSettings.DEFAULT);
  }

  public ReportRequest {
    groupBy = List.copyOf(groupBy);
    humanCost = humanCost == null ? HumanCostSettings.DEFAULT : humanCost;
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException(
          "the report period is empty: --since " + since + " is not before --until " + until);
    }
  }

  /** Returns true when a time filter is set, which leaves out records without a timestamp. */
  public boolean filtersByTime() {
    return since != null || until != null;
  }

  /** Returns true when any grouping is by day, week or month. */
  public boolean groupsByTime() {
    return groupBy.stream().anyMatch(Dimension::timeBased);
  }
}
