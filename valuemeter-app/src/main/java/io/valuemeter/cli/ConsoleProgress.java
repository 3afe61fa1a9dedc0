package io.valuemeter.cli;

import io.valuemeter.ingest.LoadProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows the progress of a load on standard error once it has run for more than a second, then once
 * a second: files, megabytes and records read.
 */
final class ConsoleProgress implements LoadProgress {

  private static final long FIRST_UPDATE_MILLIS = 1_000;
  private static final long UPDATE_INTERVAL_MILLIS = 1_000;

  private final PrintStream err;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicLong filesDone = new AtomicLong();
  private volatile String phase = "reading";
  private volatile boolean printed;
  private ScheduledExecutorService timer;
  private int files;
  private long bytes;

  ConsoleProgress(PrintStream err) {
    this.err = err;
  }

  @Override
  public void start(int files, long bytes) {
    this.files = files;
    this.bytes = bytes;
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "valuemeter-progress");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleAtFixedRate(
        this::print, FIRST_UPDATE_MILLIS, UPDATE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void recordRead() {
    records.incrementAndGet();
  }

  @Override
  public void fileDone(long fileBytes) {
    filesDone.incrementAndGet();
    bytesDone.addAndGet(fileBytes);
  }

  @Override
  public void merging() {
    phase = "storing";
  }

  @Override
  public void finish() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    if (printed) {
      print();
      err.println();
    }
  }

  private void print() {
    printed = true;
    err.print(
        String.format(
            Locale.ROOT,
            "\r%s: %,d of %,d files, %,.1f of %,.1f MB, %,d records",
            phase,
            filesDone.get(),
            files,
            bytesDone.get() / 1e6,
            bytes / 1e6,
            records.get()));
    err.flush();
  }
}
