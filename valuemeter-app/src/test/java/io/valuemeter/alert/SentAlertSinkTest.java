package io.valuemeter.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.valuemeter.guard.Alert;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentAlertSinkTest {

  @TempDir Path dir;

  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void send_sameKeyInLaterRun_notSentAgain() throws Exception {
    Path state = dir.resolve("sent.txt");
    Path file = dir.resolve("alerts.jsonl");

    new SentAlertSink(List.of(new JsonLinesAlertSink(file)), null, state).send(alert("a"));
    SentAlertSink secondRun = new SentAlertSink(List.of(new JsonLinesAlertSink(file)), null, state);
    secondRun.send(alert("a"));
    secondRun.send(alert("b"));

    assertThat(Files.readAllLines(file)).hasSize(2);
    assertThat(secondRun.skipped()).isEqualTo(1);
    assertThat(Files.readAllLines(state)).containsExactly("a", "b");
  }

  @Test
  void webhookFailsEveryTry_keyNotRecorded() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    Path state = dir.resolve("sent.txt");
    WebhookAlertSink webhook =
        new WebhookAlertSink(
            new WebhookSettings(
                url, 1, Duration.ofMillis(10), Duration.ofSeconds(5), 10, Duration.ofSeconds(5)));

    new SentAlertSink(List.of(), webhook, state).send(alert("a"));
    webhook.close();

    // one try and one retry, both HTTP 500: the alert was not delivered, so it stays unsent
    assertThat(requests.get()).isEqualTo(2);
    assertThat(webhook.failedAlerts()).isEqualTo(1);
    assertThat(Files.exists(state) ? Files.readAllLines(state) : List.of()).isEmpty();
  }

  private static Alert alert(String key) {
    return new Alert(
        Alert.Kind.ANOMALY,
        key,
        "test alert " + key,
        Instant.parse("2025-01-01T00:00:00Z"),
        Map.of());
  }
}
