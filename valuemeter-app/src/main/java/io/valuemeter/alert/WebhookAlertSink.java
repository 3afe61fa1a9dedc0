package io.valuemeter.alert;

import io.valuemeter.guard.Alert;
import io.valuemeter.guard.AlertSink;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AlertSink} that posts each alert as JSON to a webhook, from one background thread named
 * {@code valuemeter-alert-webhook}.
 *
 * <p>{@link #send} only queues the alert, so a slow or failing webhook never blocks the caller.
 * When the queue is full the alert is dropped, counted and logged at WARN (the first drop and then
 * every 100th). A post that fails with an I/O error, a timeout or HTTP status 408, 429 or 5xx is
 * retried with exponential backoff; other statuses are not retried. Alerts are sent one at a time,
 * in order, so a retrying alert delays the ones behind it.
 *
 * <p>Logs name the webhook by scheme, host and port only, because its path often contains a secret.
 */
public final class WebhookAlertSink implements AlertSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSink.class);
  private static final String THREAD_NAME = "valuemeter-alert-webhook";
  private static final long DROP_LOG_INTERVAL = 100;

  private final WebhookSettings settings;
  private final String loggedUrl;
  private final HttpClient client;
  private final ThreadPoolExecutor executor;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong deliveredAlerts = new AtomicLong();
  private final AtomicLong failedAlerts = new AtomicLong();
  private final AtomicLong droppedAlerts = new AtomicLong();

  /** Creates the sink and starts its sending thread; {@link #close} stops it. */
  public WebhookAlertSink(WebhookSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("webhook settings are required");
    }
    this.settings = settings;
    this.loggedUrl = settings.redactedUrl();
    this.client = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(settings.queueCapacity()),
            task -> {
              Thread thread = new Thread(task, THREAD_NAME);
              thread.setDaemon(true);
              return thread;
            },
            (task, pool) ->
                countDrop(pool.isShutdown() ? "the sink is closed" : "the queue is full"));
    LOG.info("Started webhook alert sink for {}", loggedUrl);
  }

  private volatile java.util.function.Consumer<Alert> deliveryListener = alert -> {};

  /**
   * Sets the listener called with each alert the webhook accepted, on the sending thread; for
   * example, a record of sent alerts that must not count a failed delivery.
   */
  public void onDelivered(java.util.function.Consumer<Alert> listener) {
    this.deliveryListener = listener == null ? alert -> {} : listener;
  }

  /** Queues the alert for posting and returns at once. */
  @Override
  public void send(Alert alert) {
    if (closed.get()) {
      countDrop("the sink is closed");
      return;
    }
    executor.execute(() -> deliver(alert));
  }

  /** Returns how many alerts the webhook accepted with a 2xx status. */
  public long deliveredAlerts() {
    return deliveredAlerts.get();
  }

  /** Returns how many alerts failed after all retries or were rejected with a 4xx status. */
  public long failedAlerts() {
    return failedAlerts.get();
  }

  /** Returns how many alerts were dropped because the queue was full or the sink closed. */
  public long droppedAlerts() {
    return droppedAlerts.get();
  }

  /**
   * Stops taking alerts and waits up to the close timeout for queued ones to be sent; alerts still
   * queued then are dropped and logged. Safe to call twice.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        List<Runnable> unsent = executor.shutdownNow();
        droppedAlerts.addAndGet(unsent.size());
        LOG.warn(
            "Webhook {} did not finish within {} ms of close: {} queued alerts were dropped",
            loggedUrl,
            settings.closeTimeout().toMillis(),
            unsent.size());
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info(
        "Stopped webhook alert sink for {}: {} delivered, {} failed, {} dropped",
        loggedUrl,
        deliveredAlerts.get(),
        failedAlerts.get(),
        droppedAlerts.get());
  }

  /** Posts one alert, retrying with backoff; runs on the sending thread. */
  private void deliver(Alert alert) {
    HttpRequest request =
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(AlertJson.toJson(alert)))
            .build();
    int attempts = settings.maxRetries() + 1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      String failure;
      IOException error = null;
      try {
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 200 && status < 300) {
          deliveredAlerts.incrementAndGet();
          deliveryListener.accept(alert);
          return;
        }
        if (!retryable(status)) {
          failedAlerts.incrementAndGet();
          LOG.warn(
              "Webhook {} rejected alert {} with HTTP status {}; not retrying",
              loggedUrl,
              alert.key(),
              status);
          return;
        }
        failure = "HTTP status " + status;
      } catch (IOException e) {
        failure = describe(e);
        error = e;
      } catch (IllegalArgumentException e) {
        failedAlerts.incrementAndGet();
        LOG.warn("Webhook {} cannot take alert {}: {}", loggedUrl, alert.key(), e.getMessage());
        return;
      } catch (InterruptedException e) {
        abandon(alert, attempt);
        return;
      }
      if (attempt == attempts) {
        failedAlerts.incrementAndGet();
        LOG.warn(
            "Webhook {} failed for alert {} after {} attempts: {}",
            loggedUrl,
            alert.key(),
            attempts,
            failure);
        LOG.debug("Last webhook failure for alert {}", alert.key(), error);
        return;
      }
      Duration wait = settings.backoffBefore(attempt);
      LOG.warn(
          "Webhook {} failed for alert {} on attempt {} of {}: {}; retrying in {} ms",
          loggedUrl,
          alert.key(),
          attempt,
          attempts,
          failure,
          wait.toMillis());
      if (!pause(wait)) {
        abandon(alert, attempt);
        return;
      }
    }
  }

  /** Returns a one-line description of a connection failure, such as "connection refused". */
  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused or unreachable";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** Waits before a retry; returns false when interrupted by a close that timed out. */
  private static boolean pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void abandon(Alert alert, int attempt) {
    Thread.currentThread().interrupt();
    failedAlerts.incrementAndGet();
    LOG.warn(
        "Webhook {}: sending of alert {} was interrupted after attempt {} by close",
        loggedUrl,
        alert.key(),
        attempt);
  }

  private void countDrop(String cause) {
    long dropped = droppedAlerts.incrementAndGet();
    if (dropped == 1 || dropped % DROP_LOG_INTERVAL == 0) {
      LOG.warn(
          "Webhook {} dropped an alert because {} (queue capacity {}); {} dropped so far",
          loggedUrl,
          cause,
          settings.queueCapacity(),
          dropped);
    }
  }
}
