package io.valuemeter.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Posts alerts to a real HTTP server on 127.0.0.1. */
class WebhookAlertSinkTest {

  private static final long WAIT_SECONDS = 10;

  private final List<String> acceptedBodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final ExecutorService serverThreads = Executors.newCachedThreadPool();
  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
    serverThreads.shutdownNow();
  }

  @Test
  void send_serverFailsTwiceThenAccepts_deliveredOnce() throws Exception {
    CountDownLatch accepted = new CountDownLatch(1);
    URI url =
        startServer(
            exchange -> {
              int request = requests.incrementAndGet();
              if (request <= 2) {
                respond(exchange, 500);
              } else {
                acceptedBodies.add(body(exchange));
                respond(exchange, 204);
                accepted.countDown();
              }
            });
    WebhookAlertSink sink = new WebhookAlertSink(fastRetries(url, 3, 10));

    sink.send(Alerts.loop());
    assertThat(accepted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    sink.close();

    // Attempt 1 and 2 get HTTP 500, attempt 3 is accepted.
    assertThat(requests.get()).isEqualTo(3);
    assertThat(acceptedBodies)
        .containsExactly(
            "{\"kind\":\"ANOMALY\",\"key\":\"loop/agent:ci\",\"time\":\"2025-03-01T12:31:00Z\","
                + "\"message\":\"A loop was detected for scope \\\"agent:ci\\\".\","
                + "\"details\":{\"evidence\":\"40 calls in 60 s\"}}");
    assertThat(sink.deliveredAlerts()).isEqualTo(1);
    assertThat(sink.failedAlerts()).isZero();
  }

  @Test
  void send_serverHoldsRequest_returnsWithoutWaiting() throws Exception {
    CountDownLatch handlerEntered = new CountDownLatch(1);
    CountDownLatch releaseHandler = new CountDownLatch(1);
    URI url =
        startServer(
            exchange -> {
              requests.incrementAndGet();
              handlerEntered.countDown();
              await(releaseHandler);
              respond(exchange, 200);
            });
    WebhookAlertSink sink = new WebhookAlertSink(fastRetries(url, 0, 10));

    sink.send(Alerts.threshold("2025-03-01T00:00:00Z"));
    assertThat(handlerEntered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    sink.send(Alerts.threshold("2025-03-02T00:00:00Z"));

    // Reaching this line while the handler still blocks the first request proves that send
    // returned without waiting for the webhook.
    assertThat(releaseHandler.getCount()).isEqualTo(1);
    releaseHandler.countDown();
    sink.close();
    assertThat(requests.get()).isEqualTo(2);
    assertThat(sink.deliveredAlerts()).isEqualTo(2);
  }

  @Test
  void send_queueFull_dropsAndCounts() throws Exception {
    CountDownLatch handlerEntered = new CountDownLatch(1);
    CountDownLatch releaseHandler = new CountDownLatch(1);
    URI url =
        startServer(
            exchange -> {
              handlerEntered.countDown();
              await(releaseHandler);
              respond(exchange, 200);
            });
    WebhookAlertSink sink = new WebhookAlertSink(fastRetries(url, 0, 1));

    sink.send(Alerts.threshold("2025-03-01T00:00:00Z"));
    assertThat(handlerEntered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    // The first alert is in flight, the second fills the queue of 1, the third is dropped.
    sink.send(Alerts.threshold("2025-03-02T00:00:00Z"));
    sink.send(Alerts.threshold("2025-03-03T00:00:00Z"));
    releaseHandler.countDown();
    sink.close();

    assertThat(sink.droppedAlerts()).isEqualTo(1);
    assertThat(sink.deliveredAlerts()).isEqualTo(2);
  }

  @Test
  void send_serverDown_failsAfterRetriesWithoutBlocking() throws Exception {
    URI url = startServer(exchange -> respond(exchange, 200));
    server.stop(0);
    server = null;
    WebhookAlertSink sink = new WebhookAlertSink(fastRetries(url, 2, 10));

    sink.send(Alerts.loop());
    sink.close();
    sink.close();

    assertThat(sink.failedAlerts()).isEqualTo(1);
    assertThat(sink.deliveredAlerts()).isZero();
  }

  @Test
  void send_clientError_notRetried() throws Exception {
    URI url =
        startServer(
            exchange -> {
              requests.incrementAndGet();
              respond(exchange, 400);
            });
    WebhookAlertSink sink = new WebhookAlertSink(fastRetries(url, 3, 10));

    sink.send(Alerts.loop());
    sink.close();

    assertThat(requests.get()).isEqualTo(1);
    assertThat(sink.failedAlerts()).isEqualTo(1);
  }

  @Test
  void send_afterClose_dropped() throws Exception {
    URI url = startServer(exchange -> respond(exchange, 200));
    WebhookAlertSink sink = new WebhookAlertSink(fastRetries(url, 0, 10));
    sink.close();

    sink.send(Alerts.loop());

    assertThat(sink.droppedAlerts()).isEqualTo(1);
  }

  @Test
  void settings_backoff_doublesFromInitial() {
    WebhookSettings settings =
        WebhookSettings.defaults(URI.create("https://hooks.example.com/services/T0/B0/secret"));

    assertThat(settings.backoffBefore(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.backoffBefore(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(settings.backoffBefore(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(settings.redactedUrl()).isEqualTo("https://hooks.example.com/...");
  }

  @Test
  void settings_invalidValues_allReported() {
    assertThatThrownBy(
            () ->
                new WebhookSettings(
                    URI.create("ftp://example.com/x"),
                    -1,
                    Duration.ofMillis(200),
                    Duration.ZERO,
                    0,
                    Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid webhook settings: webhook URL must be an absolute http or https address, got"
                + " ftp://example.com/x; max retries must be non-negative, got -1; request timeout"
                + " must be positive, got PT0S; queue capacity must be at least 1, got 0");
  }

  /** Settings with 1 ms backoff so retries do not slow the test. */
  private static WebhookSettings fastRetries(URI url, int maxRetries, int queueCapacity) {
    return new WebhookSettings(
        url,
        maxRetries,
        Duration.ofMillis(1),
        Duration.ofSeconds(5),
        queueCapacity,
        Duration.ofSeconds(WAIT_SECONDS));
  }

  private URI startServer(Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(serverThreads);
    server.createContext(
        "/hook",
        exchange -> {
          try {
            handler.handle(exchange);
          } finally {
            exchange.close();
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  private static String body(HttpExchange exchange) throws IOException {
    return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, int status) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(status, -1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @FunctionalInterface
  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }
}
