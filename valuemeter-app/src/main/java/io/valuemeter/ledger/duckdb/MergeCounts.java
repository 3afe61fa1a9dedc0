package io.valuemeter.ledger.duckdb;

/**
 * What one import changed in the ledger.
 *
 * @param usageRowsRead usage rows passed to the import, duplicates included
 * @param newRecords records whose id was not in the ledger before
 * @param updatedRecords records that replaced a less complete version with the same id
 * @param outcomeRowsRead outcome rows passed to the import
 * @param newOutcomes outcomes for tasks that had none before
 * @param updatedOutcomes outcomes that replaced a different outcome of the same task
 */
public record MergeCounts(
    long usageRowsRead,
    long newRecords,
    long updatedRecords,
    long outcomeRowsRead,
    long newOutcomes,
    long updatedOutcomes) {

  /** Returns the usage rows that added no new record: repeats within the input or of the ledger. */
  public long duplicates() {
    return usageRowsRead - newRecords;
  }
}
