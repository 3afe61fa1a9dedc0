package io.valuemeter.report;

import io.valuemeter.ingest.Rejection;
import java.util.List;

/**
 * What reading the sources produced.
 *
 * @param files files read
 * @param imported records that were new
 * @param duplicates rows that repeated a record already read or stored
 * @param rejected rows that could not be read; each is listed in {@code rejections} up to a limit
 * @param rejections the first rejections, each with file, line, field, value and reason
 * @param outcomes outcomes read
 * @param notes remarks about the sources, such as the usage shape recognised
 */
public record InputSummary(
    long files,
    long imported,
    long duplicates,
    long rejected,
    List<Rejection> rejections,
    long outcomes,
    List<String> notes) {

  /** Returns an empty summary, for reports read from the ledger without new input. */
  public static InputSummary none() {
    return new InputSummary(0, 0, 0, 0, List.of(), 0, List.of());
  }
}
