package io.valuemeter.cli;

import io.valuemeter.alert.JsonLinesAlertSink;
import io.valuemeter.alert.LogAlertSink;
import io.valuemeter.alert.SentAlertSink;
import io.valuemeter.alert.WebhookAlertSink;
import io.valuemeter.alert.WebhookSettings;
import io.valuemeter.guard.AlertSink;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where alerts go, for commands that raise them. */
final class AlertOptions {

  @Option(names = "--alert-log", description = "Send alerts to the log on standard error.")
  boolean log;

  @Option(
      names = "--alert-file",
      paramLabel = "FILE",
      description = "Append alerts to FILE, one JSON object per line.")
  Path file;

  @Option(
      names = "--alert-webhook",
      paramLabel = "URL",
      description =
          "POST each alert as JSON to URL, retrying with backoff; a failing webhook never"
              + " stops the command.")
  String webhook;

  @Option(
      names = "--alert-state",
      paramLabel = "FILE",
      description =
          "File of alerts already sent, so that each is sent once across runs (default:"
              + " ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.home}/.valuemeter/alerts-sent.txt")
  Path stateFile;

  /** Returns true when any sink is chosen. */
  boolean enabled() {
    return log || file != null || webhook != null;
  }

  /** Opens the chosen sinks; the caller closes the returned handle. */
  Sinks open() {
    List<AlertSink> sinks = new ArrayList<>();
    WebhookAlertSink webhookSink = null;
    if (log) {
      sinks.add(new LogAlertSink());
    }
    if (file != null) {
      sinks.add(new JsonLinesAlertSink(file));
    }
    if (webhook != null) {
      URI uri;
      try {
        uri = new URI(webhook);
      } catch (URISyntaxException e) {
        throw new UserException(
            "--alert-webhook " + webhook + " is not a URL: " + e.getReason(), ExitCodes.USAGE);
      }
      if (uri.getPort() > 65535) {
        throw new UserException(
            "--alert-webhook " + webhook + " has port " + uri.getPort() + ", above 65535",
            ExitCodes.USAGE);
      }
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
        throw new UserException(
            "--alert-webhook " + webhook + " must be an http or https URL", ExitCodes.USAGE);
      }
      webhookSink = new WebhookAlertSink(WebhookSettings.defaults(uri));
    }
    return new Sinks(new SentAlertSink(sinks, webhookSink, stateFile), webhookSink);
  }

  /**
   * The open sinks; closing waits briefly for webhook deliveries. The summary printed by the
   * commands counts alerts handed to the sinks; the webhook's log line counts deliveries.
   */
  record Sinks(SentAlertSink sink, WebhookAlertSink webhook) implements AutoCloseable {
    @Override
    public void close() {
      if (webhook != null) {
        webhook.close();
      }
    }
  }
}
