package io.valuemeter.guard;

/**
 * Destination of alerts: a log, a file, a webhook.
 *
 * <p>Implementations return quickly and report their own failures, because they are called from
 * ingest and from the guard. {@link AlertDeduplicator} still catches a {@link RuntimeException}
 * from {@link #send} and counts it, so a failing sink cannot stop its caller.
 */
@FunctionalInterface
public interface AlertSink {

  /** Sends one alert. */
  void send(Alert alert);
}
