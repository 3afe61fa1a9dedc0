package io.valuemeter.guard;

/**
 * Receiver of budget threshold crossings and anomaly states, which decides which of them become
 * alerts.
 */
public interface AlertPolicy {

  /** A policy that raises no alert. */
  AlertPolicy NONE =
      new AlertPolicy() {
        @Override
        public boolean thresholdCrossed(ThresholdCrossing crossing) {
          return false;
        }

        @Override
        public boolean anomalyChanged(AnomalyState state) {
          return false;
        }
      };

  /** Handles a threshold crossing; returns true when it raised an alert. */
  boolean thresholdCrossed(ThresholdCrossing crossing);

  /** Handles the latest state of an anomaly; returns true when it raised an alert. */
  boolean anomalyChanged(AnomalyState state);
}
