package io.valuemeter.ingest;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one file format into usage records, streaming: memory does not grow with file size. */
public interface UsageReader {

  /** Returns the format name used by {@code --source}, such as {@code claude-code}. */
  String name();

  /**
   * Reads one file and passes every record, outcome and rejection to the sink in file order.
   *
   * @param file the file to read
   * @param displayName the name to use for the file in messages, usually the path as given
   * @param sink the receiver
   * @throws IOException when the file cannot be read at all
   */
  void read(Path file, String displayName, UsageSink sink) throws IOException;
}
