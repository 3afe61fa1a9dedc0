package io.valuemeter.pricing;

import java.math.BigDecimal;

/**
 * The calculated cost of one usage record.
 *
 * @param costUsd the cost in US dollars, exact (never rounded)
 * @param price the catalog price that was applied
 * @param longContextApplied true when the prompt passed the long-context threshold and the whole
 *     request took the tier's rates
 * @param aggregateAtBaseRates true when the record sums many calls and the model has a long-context
 *     tier that was therefore not applied
 * @param batchRatesMissing true when a batch call was priced at standard rates because the model
 *     has no batch price
 * @param cacheRateMissing true when cache tokens were priced at the input rate because the catalog
 *     has no cache rate for the model
 */
public record CallCost(
    BigDecimal costUsd,
    ModelPrice price,
    boolean longContextApplied,
    boolean aggregateAtBaseRates,
    boolean batchRatesMissing,
    boolean cacheRateMissing) {}
