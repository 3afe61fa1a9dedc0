package io.valuemeter.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.valuemeter.guard.Alert;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON form of an alert, shared by the file and webhook sinks: one object on one line with
 * {@code kind}, {@code key}, {@code time} (ISO-8601 UTC), {@code message} and {@code details}, a
 * string-to-string object in the alert's order.
 */
final class AlertJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private AlertJson() {}

  /** Returns the alert as one line of JSON, without a line break. */
  static String toJson(Alert alert) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("kind", alert.kind().name());
      json.writeStringField("key", alert.key());
      json.writeStringField("time", alert.time().toString());
      json.writeStringField("message", alert.message());
      json.writeObjectFieldStart("details");
      for (Map.Entry<String, String> detail : alert.details().entrySet()) {
        json.writeStringField(detail.getKey(), detail.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      // A StringWriter does not fail; this would be a bug in the generator.
      throw new UncheckedIOException("Failed to write alert " + alert.key() + " as JSON", e);
    }
    return text.toString();
  }
}
