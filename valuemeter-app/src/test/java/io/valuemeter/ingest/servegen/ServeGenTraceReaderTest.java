package io.valuemeter.ingest.servegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.valuemeter.anomaly.TimeSeries;
import io.valuemeter.ingest.Rejection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeGenTraceReaderTest {

  private static final Path CHUNK_0 = Path.of("src/test/resources/servegen/chunk-0-trace.csv");

  @TempDir Path dir;

  @Test
  void read_chunk0_allWindowsWithHandCheckedValues() throws Exception {
    List<Rejection> rejections = new ArrayList<>();

    TimeSeries series = ServeGenTraceReader.read(CHUNK_0, Instant.EPOCH, rejections::add);

    assertThat(rejections).isEmpty();
    assertThat(series.size()).isEqualTo(2_016);
    assertThat(series.gapCount()).isZero();
    // line 1: 0,1.3316666666666668,...: 1.3316666666666668 x 600 = 799 requests
    assertThat(series.valueAt(0)).isCloseTo(799.0, within(1e-9));
    // line 2: 600,0,0,,0,0: no distribution, a real zero
    assertThat(series.valueAt(1)).isEqualTo(0.0);
    // line 3: 1200,0.2733333333333333,...: 164 requests
    assertThat(series.valueAt(2)).isCloseTo(164.0, within(1e-9));
    assertThat(series.startAt(2)).isEqualTo(Instant.ofEpochSecond(1200));
    // 715 of the 2,016 lines have an empty distribution
    long zeros = series.points().stream().filter(point -> point.value() == 0.0).count();
    assertThat(zeros).isEqualTo(715);
  }

  @Test
  void read_malformedAndMissingLines_rejectedAndLeftAsGaps() throws Exception {
    Path trace = dir.resolve("chunk-9-trace.csv");
    Files.writeString(
        trace,
        "0,1.0,2.0,Gamma,1,1\n"
            + "600,fast,2.0,Gamma,1,1\n"
            + "1200,0,0,,0,0\n"
            + "2400,0.5,2.0,Gamma,1,1\n"
            + "3000,0.5\n");
    List<Rejection> rejections = new ArrayList<>();

    TimeSeries series = ServeGenTraceReader.read(trace, Instant.EPOCH, rejections::add);

    assertThat(rejections).hasSize(2);
    assertThat(rejections.get(0).message())
        .isEqualTo(trace + " line 2: field \"requests_per_second\" value \"fast\" is not a number");
    assertThat(rejections.get(1).message())
        .isEqualTo(trace + " line 5: has 2 fields where a trace line has 6");
    // windows 0, 600 (rejected, a gap), 1200 (zero), 1800 (no line, a gap), 2400
    assertThat(series.size()).isEqualTo(5);
    assertThat(series.points().get(1).gap()).isTrue();
    assertThat(series.valueAt(2)).isEqualTo(0.0);
    assertThat(series.points().get(3).gap()).isTrue();
    assertThat(series.valueAt(4)).isEqualTo(300.0);
  }
}
