package io.valuemeter.alert;

import io.valuemeter.guard.Alert;
import io.valuemeter.guard.AlertSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Passes each alert to several sinks once across runs: the keys of sent alerts are kept in a state
 * file, one per line, and an alert whose key is already there is not sent again. This makes a
 * command that runs on a schedule, such as {@code budgets status}, send one alert per budget
 * threshold and period rather than one per run. A sink that throws is skipped and the others still
 * receive the alert.
 */
public final class SentAlertSink implements AlertSink {

  private final List<AlertSink> sinks;
  private final WebhookAlertSink webhook;
  private final Path stateFile;
  private final Set<String> sentKeys = new HashSet<>();
  private long sent;
  private long skipped;

  /**
   * Creates the sink.
   *
   * @param sinks where alerts go, besides the webhook
   * @param webhook the webhook, or null
   * @param stateFile the file of sent keys; created when missing
   */
  public SentAlertSink(List<AlertSink> sinks, WebhookAlertSink webhook, Path stateFile) {
    this.sinks = List.copyOf(sinks);
    this.webhook = webhook;
    this.stateFile = stateFile;
    if (webhook != null) {
      webhook.onDelivered(alert -> remember(alert.key()));
    }
    try {
      if (Files.exists(stateFile)) {
        sentKeys.addAll(Files.readAllLines(stateFile, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read alert state file " + stateFile, e);
    }
  }

  @Override
  public synchronized void send(Alert alert) {
    if (!sentKeys.add(alert.key())) {
      skipped++;
      return;
    }
    for (AlertSink sink : sinks) {
      try {
        sink.send(alert);
      } catch (RuntimeException e) {
        // One failing sink must not stop the others; each sink logs its own failures.
      }
    }
    if (webhook == null) {
      remember(alert.key());
    } else {
      webhook.send(alert);
    }
    sent++;
  }

  /** Returns the alerts sent by this instance. */
  public synchronized long sent() {
    return sent;
  }

  /** Returns the alerts skipped because an earlier run had sent them. */
  public synchronized long skipped() {
    return skipped;
  }

  private synchronized void remember(String key) {
    try {
      Path parent = stateFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter writer =
          Files.newBufferedWriter(
              stateFile,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND)) {
        writer.write(key);
        writer.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("failed to write alert state file " + stateFile, e);
    }
  }
}
