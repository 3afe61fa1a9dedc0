package io.valuemeter.ingest;

import io.valuemeter.usage.Outcome;
import io.valuemeter.usage.UsageRecord;

/**
 * Receives what a reader finds in a source, in source order. Readers never de-duplicate: a record
 * seen twice is passed twice, and the ledger keeps one.
 */
public interface UsageSink {

  /** Receives one usage record. */
  void accept(UsageRecord record);

  /** Receives one outcome read from the same source, for example a success flag per row. */
  void acceptOutcome(Outcome outcome);

  /** Receives one rejected line or row; reading goes on with the next one. */
  void reject(Rejection rejection);

  /** Receives a one-line remark about the source, such as which usage shape was recognised. */
  void note(String message);
}
