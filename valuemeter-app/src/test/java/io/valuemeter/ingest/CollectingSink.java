package io.valuemeter.ingest;

import io.valuemeter.usage.Outcome;
import io.valuemeter.usage.UsageRecord;
import java.util.ArrayList;
import java.util.List;

/** Test sink that stores everything a reader passes on, in the order received. */
public final class CollectingSink implements UsageSink {

  public final List<UsageRecord> records = new ArrayList<>();
  public final List<Outcome> outcomes = new ArrayList<>();
  public final List<Rejection> rejections = new ArrayList<>();
  public final List<String> notes = new ArrayList<>();

  @Override
  public void accept(UsageRecord record) {
    records.add(record);
  }

  @Override
  public void acceptOutcome(Outcome outcome) {
    outcomes.add(outcome);
  }

  @Override
  public void reject(Rejection rejection) {
    rejections.add(rejection);
  }

  @Override
  public void note(String message) {
    notes.add(message);
  }
}
