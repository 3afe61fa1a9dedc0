package io.valuemeter.report;

import io.valuemeter.advice.ModelChoice;
import io.valuemeter.advice.PrefixCacheSimulation;
import io.valuemeter.ledger.duckdb.AdviceQuery;
import java.util.List;

/**
 * Advice drawn from the ledger.
 *
 * @param categoryTag the tag whose value groups comparable tasks
 * @param modelChoice single model and cascade recommendations, or null when they cannot be made
 * @param modelChoiceNote why there is no model choice, or an empty string
 * @param batch what batch rates would save on interactive calls, per model
 * @param caching recorded prompt caching per model
 * @param traceCaching the what-if of a prefix-hash trace, or null when none was given
 * @param workflows the multi-agent cost stack per workflow
 */
public record AdviceReport(
    String categoryTag,
    ModelChoice modelChoice,
    String modelChoiceNote,
    List<AdviceQuery.BatchOption> batch,
    List<AdviceQuery.CacheUse> caching,
    PrefixCacheSimulation.Result traceCaching,
    List<AdviceQuery.WorkflowStack> workflows) {}
