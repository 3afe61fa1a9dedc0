package io.valuemeter.alert;

import io.valuemeter.guard.Alert;
import io.valuemeter.guard.AlertSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AlertSink} that appends each alert to a file as one JSON object per line (JSON Lines).
 * The layout is the one the webhook sends.
 *
 * <p>The file is opened for each alert and closed again, because alerts are rare and this keeps no
 * file handle open. A write that fails with an I/O error is logged at WARN and counted, not thrown.
 */
public final class JsonLinesAlertSink implements AlertSink {

  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAlertSink.class);

  private final Path file;
  private final AtomicLong failedAlerts = new AtomicLong();

  /** Creates a sink that appends to {@code file}, creating the file but not its folder. */
  public JsonLinesAlertSink(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("alert file is required");
    }
    this.file = file;
  }

  @Override
  public synchronized void send(Alert alert) {
    byte[] line = (AlertJson.toJson(alert) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      long failures = failedAlerts.incrementAndGet();
      LOG.warn(
          "Failed to append alert {} to {} ({} failed so far)", alert.key(), file, failures, e);
    }
  }

  /** Returns how many alerts could not be written. */
  public long failedAlerts() {
    return failedAlerts.get();
  }
}
