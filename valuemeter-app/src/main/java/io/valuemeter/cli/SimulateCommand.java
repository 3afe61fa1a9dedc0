package io.valuemeter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code valuemeter simulate}: what-if calculations that advise on cost, from given figures. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates the economics of design choices from figures you give: agents compared per"
          + " successful outcome, model cascades, prompt caching, batch APIs, multi-agent"
          + " handoffs, product pricing and the value per token of an outcome.",
      "",
      "Nothing is read or stored. Money is in US dollars, rates are fractions (0.95) or"
          + " percentages (95%%)."
    },
    subcommands = {
      SimulateAgentsCommand.class,
      SimulateCascadeCommand.class,
      SimulateCachingCommand.class,
      SimulateBatchCommand.class,
      SimulateHandoffsCommand.class,
      SimulatePricingCommand.class,
      SimulateValueCommand.class
    })
public final class SimulateCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Prints the usage, because a simulation must be chosen. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
