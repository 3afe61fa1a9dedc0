package io.valuemeter.alert;

import io.valuemeter.guard.Alert;
import io.valuemeter.guard.AlertSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An {@link AlertSink} that writes each alert as one WARN line of the application log. */
public final class LogAlertSink implements AlertSink {

  private static final Logger LOG = LoggerFactory.getLogger(LogAlertSink.class);

  @Override
  public void send(Alert alert) {
    LOG.warn("{}", line(alert));
  }

  /** Returns the log line: kind, key and message, such as {@code ANOMALY loop/agent:ci: ...}. */
  static String line(Alert alert) {
    return "Alert " + alert.kind() + " " + alert.key() + ": " + alert.message();
  }
}
