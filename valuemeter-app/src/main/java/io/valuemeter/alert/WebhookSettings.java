package io.valuemeter.alert;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of {@link WebhookAlertSink}: where it posts alerts, its retries and its queue.
 *
 * <p>A failed post is retried {@code maxRetries} times, waiting {@code initialBackoff} before the
 * first retry and twice as long before each next one. Defaults from {@link #defaults}: 3 retries
 * after 200 ms, 400 ms and 800 ms, a 10 s request timeout, 1,000 queued alerts, and 5 s for close
 * to finish sending.
 *
 * @param url http or https address that receives a POST with the alert as JSON
 * @param maxRetries retries after the first attempt; 0 for none
 * @param initialBackoff wait before the first retry
 * @param requestTimeout limit on connecting and on waiting for the response of one attempt
 * @param queueCapacity alerts that may wait for sending; more are dropped and counted
 * @param closeTimeout how long {@link WebhookAlertSink#close} waits for queued alerts
 */
public record WebhookSettings(
    URI url,
    int maxRetries,
    Duration initialBackoff,
    Duration requestTimeout,
    int queueCapacity,
    Duration closeTimeout) {

  public WebhookSettings {
    List<String> problems = new ArrayList<>();
    if (url == null
        || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
        || url.getHost() == null) {
      problems.add("webhook URL must be an absolute http or https address, got " + url);
    }
    if (maxRetries < 0) {
      problems.add("max retries must be non-negative, got " + maxRetries);
    }
    requireNonNegative("initial backoff", initialBackoff, problems);
    requirePositive("request timeout", requestTimeout, problems);
    if (queueCapacity < 1) {
      problems.add("queue capacity must be at least 1, got " + queueCapacity);
    }
    requireNonNegative("close timeout", closeTimeout, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid webhook settings: " + String.join("; ", problems));
    }
  }

  /** Returns the default settings for {@code url}. */
  public static WebhookSettings defaults(URI url) {
    return new WebhookSettings(
        url, 3, Duration.ofMillis(200), Duration.ofSeconds(10), 1_000, Duration.ofSeconds(5));
  }

  /**
   * Returns the wait before retry {@code retry} (1 for the first): initial backoff x 2^(retry-1).
   */
  Duration backoffBefore(int retry) {
    return initialBackoff.multipliedBy(1L << Math.min(retry - 1, 30));
  }

  /**
   * Returns the URL without path, query and user info, for logs: webhook URLs often carry their
   * secret token in the path (Slack, Discord) or the query.
   */
  String redactedUrl() {
    String port = url.getPort() == -1 ? "" : ":" + url.getPort();
    boolean hasMore =
        (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/"))
            || url.getRawQuery() != null;
    return url.getScheme() + "://" + url.getHost() + port + (hasMore ? "/..." : "");
  }

  private static void requireNonNegative(String name, Duration value, List<String> problems) {
    if (value == null || value.isNegative()) {
      problems.add(name + " must be zero or more, got " + value);
    }
  }

  private static void requirePositive(String name, Duration value, List<String> problems) {
    if (value == null || value.isNegative() || value.isZero()) {
      problems.add(name + " must be positive, got " + value);
    }
  }
}
