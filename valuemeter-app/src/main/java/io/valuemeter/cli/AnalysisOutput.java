package io.valuemeter.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Output steps that the metrics and advice commands share. */
final class AnalysisOutput {

  /** Writes the fields of one JSON object. */
  interface JsonFields {
    void write(JsonGenerator json) throws IOException;
  }

  private AnalysisOutput() {}

  /** Rejects any output format but table and JSON, naming the command. */
  static void requireTableOrJson(ReportOptions.Format format, String command) {
    if (format != ReportOptions.Format.table && format != ReportOptions.Format.json) {
      throw new UserException(
          "--format " + format + " is not available for " + command + "; use table or json",
          ExitCodes.USAGE);
    }
  }

  /** Writes one pretty-printed JSON object to standard output, followed by a line break. */
  static void writeJsonObject(JsonFields fields) throws IOException {
    try (JsonGenerator json = new JsonFactory().createGenerator(System.out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    }
    System.out.println();
  }
}
