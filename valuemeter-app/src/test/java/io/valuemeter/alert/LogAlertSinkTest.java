package io.valuemeter.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogAlertSinkTest {

  @Test
  void line_loopAlert_kindKeyAndMessage() {
    assertThat(LogAlertSink.line(Alerts.loop()))
        .isEqualTo("Alert ANOMALY loop/agent:ci: A loop was detected for scope \"agent:ci\".");
  }
}
