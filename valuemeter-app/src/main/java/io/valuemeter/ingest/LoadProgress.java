package io.valuemeter.ingest;

/** Receives the progress of a load; implementations decide whether and how to show it. */
public interface LoadProgress {

  /** A progress receiver that shows nothing. */
  LoadProgress NONE =
      new LoadProgress() {
        @Override
        public void start(int files, long bytes) {}

        @Override
        public void recordRead() {}

        @Override
        public void fileDone(long bytes) {}

        @Override
        public void merging() {}

        @Override
        public void finish() {}
      };

  /** Called once before reading, with the number of files and their total size in bytes. */
  void start(int files, long bytes);

  /** Called for every record read. */
  void recordRead();

  /** Called after each file, with its size in bytes. */
  void fileDone(long bytes);

  /** Called when reading is done and records are being merged into the ledger. */
  void merging();

  /** Called at the end. */
  void finish();
}
