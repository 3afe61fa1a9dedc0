package io.valuemeter.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.valuemeter.budget.BudgetDefinition;
import io.valuemeter.budget.BudgetEvaluator;
import io.valuemeter.budget.BudgetPeriod;
import io.valuemeter.budget.BudgetValidator;
import io.valuemeter.guard.BudgetUsage;
import io.valuemeter.guard.Decision;
import io.valuemeter.guard.Guard;
import io.valuemeter.guard.GuardLimit;
import io.valuemeter.guard.LimitSource;
import io.valuemeter.ledger.duckdb.BudgetQuery;
import io.valuemeter.ledger.duckdb.DuckDbLedger;
import io.valuemeter.pricing.PriceCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code valuemeter guard}: the guard's decision for one call, from the limit and spend given on
 * the command line, for scripts that wrap an agent.
 */
@Command(
    name = "guard",
    mixinStandardHelpOptions = true,
    description = {
      "Decides whether the next LLM call of a scope may go ahead against a hard money limit, and"
          + " prints the decision with its reason. Exits with 0 when the call is allowed and 5"
          + " when it is denied.",
      "",
      "A call is denied once spent + reserved >= limit, before the call: its own estimate is"
          + " not added, so the first call of a period is allowed even when it costs more than"
          + " the limit, unless the limit is 0. A call estimated at $0 is never denied by the"
          + " money limit. --loop denies every call.",
      "",
      "With --limit, the command keeps no state: --spent and --reserved are what the calling"
          + " script has spent and holds in the current period. With --budgets FILE, every"
          + " budget of the file whose scope is --scope or all is checked, with the spend of its"
          + " current period read from the ledger (--db)."
    },
    footer = {
      "",
      "Example:",
      "  valuemeter guard --scope agent:ci --estimate 0.0001768 --limit 0.00001 \\",
      "      --spent 0.0001768",
      "",
      "  decision  denied (HARD_BUDGET_SPENT)",
      "  scope     agent:ci",
      "  budget    limit (hard stop)",
      "  estimate  $0.0001768",
      "  spent     $0.0001768",
      "  reserved  $0",
      "  limit     $0.00001",
      "",
      "  Denied: hard budget \"limit\" for scope \"agent:ci\" is spent ($0.0001768",
      "  spent + $0 reserved, limit $0.00001).",
      "",
      "Exit codes: 0 allowed, 5 denied, 2 invalid command line."
    })
final class GuardCommand implements Callable<Integer> {

  /** Exit code of a denied call. */
  private static final int SCHEMA_VERSION = 1;

  private static final String LOOP_EVIDENCE = "--loop was given";

  /** Output formats of the decision. */
  enum Format {
    table,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--scope",
      required = true,
      paramLabel = "KEY",
      description = "Scope of the call, such as agent:support-bot.")
  String scopeKey;

  @Option(
      names = "--estimate",
      converter = DecimalConverters.Decimal.class,
      required = true,
      paramLabel = "USD",
      description = "Estimated cost of the call in US dollars.")
  BigDecimal estimateUsd;

  @Option(
      names = "--tokens",
      paramLabel = "N",
      defaultValue = "0",
      description = "Estimated tokens of the call (default: ${DEFAULT-VALUE}).")
  long estimatedTokens;

  @Option(
      names = "--limit",
      converter = DecimalConverters.Decimal.class,
      paramLabel = "USD",
      description =
          "Hard money limit of the period in US dollars; required unless --budgets is given.")
  BigDecimal limitUsd;

  @Option(
      names = "--budgets",
      paramLabel = "FILE",
      description =
          "Budget file (see docs/budgets.md): check the call against every budget whose scope is"
              + " --scope or all, with the spend of its current period read from the ledger"
              + " (--db). Takes the place of --limit, --spent and --token-limit.")
  Path budgetsFile;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "Ledger with the spend, for --budgets (default: ${DEFAULT-VALUE}).",
      defaultValue = "${env:VALUEMETER_DB:-${sys:user.home}/.valuemeter/ledger.duckdb}")
  Path ledgerFile;

  @Option(
      names = "--spent",
      converter = DecimalConverters.Decimal.class,
      paramLabel = "USD",
      defaultValue = "0",
      description =
          "Cost already committed in the period, in US dollars (default: ${DEFAULT-VALUE}).")
  BigDecimal spentUsd;

  @Option(
      names = "--reserved",
      converter = DecimalConverters.Decimal.class,
      paramLabel = "USD",
      defaultValue = "0",
      description =
          "Estimates of calls in flight that have not finished, in US dollars (default:"
              + " ${DEFAULT-VALUE}).")
  BigDecimal reservedUsd;

  @Option(
      names = "--token-limit",
      paramLabel = "N",
      description = "Hard token limit of the period; none unless given.")
  Long tokenLimit;

  @Option(
      names = "--spent-tokens",
      paramLabel = "N",
      defaultValue = "0",
      description = "Tokens already used in the period (default: ${DEFAULT-VALUE}).")
  long spentTokens;

  @Option(
      names = "--loop",
      description = "A loop was detected for the scope and not cleared: deny the call.")
  boolean loop;

  @Option(
      names = "--budget",
      paramLabel = "NAME",
      defaultValue = "limit",
      description = "Budget name shown in the output (default: ${DEFAULT-VALUE}).")
  String budgetName;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  private final Clock clock;

  GuardCommand() {
    this(Clock.systemUTC());
  }

  GuardCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    validate();
    Decision decision = budgetsFile == null ? decide() : decideFromBudgets();
    if (format == Format.json) {
      writeJson(decision, System.out);
    } else {
      writeTable(decision, System.out);
    }
    System.out.flush();
    return decision.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
  }

  /** Builds a guard with the one limit and the given spend, holds and loop, then checks. */
  private Decision decide() {
    AtomicReference<GuardLimit> activeLimit = new AtomicReference<>();
    LimitSource limits =
        (key, at) -> Optional.ofNullable(activeLimit.get()).filter(l -> l.scopeKey().equals(key));
    Guard guard = new Guard(limits, clock);

    // The hold is placed before the limit applies, so it is held even when the limit is already
    // spent and a reservation against it would be denied.
    if (reservedUsd.signum() > 0) {
      guard.reserve(scopeKey, reservedUsd, 0);
    }
    // The given spend covers the whole current period, so the window spans all time.
    activeLimit.set(
        new GuardLimit(
            budgetName, scopeKey, Instant.MIN, Instant.MAX, limitUsd, tokenLimit, true, List.of()));
    if (spentUsd.signum() > 0 || spentTokens > 0) {
      guard.recordSpend(scopeKey, spentUsd, spentTokens, clock.instant());
    }
    if (loop) {
      guard.markLoop(scopeKey, LOOP_EVIDENCE);
    }
    return guard.check(scopeKey, estimateUsd, estimatedTokens);
  }

  /**
   * Checks the call against each budget of the file that applies to the scope, with the spend of
   * the budget's current period from the ledger, and returns the first denial, or else the decision
   * of the budget closest to its limit.
   */
  private Decision decideFromBudgets() throws Exception {
    BudgetValidator.Result budgets = BudgetsCommand.readBudgets(budgetsFile);
    if (!budgets.valid()) {
      throw new UserException(
          "invalid budget file " + budgetsFile + ":\n  " + String.join("\n  ", budgets.problems()),
          ExitCodes.USAGE);
    }
    if (!Files.exists(ledgerFile)) {
      throw new UserException(
          "no ledger at " + ledgerFile + "; import usage first or pass --db FILE",
          ExitCodes.NO_INPUT);
    }
    InputOptions input = new InputOptions();
    input.ledgerFile = ledgerFile;
    BudgetEvaluator evaluator = new BudgetEvaluator(clock);
    Instant now = clock.instant();
    Decision closest = null;
    try (DuckDbLedger ledger = DuckDbLedger.open(ledgerFile)) {
      PriceCatalog catalog = new Inputs(input, System.err).catalog(ledger);
      for (BudgetDefinition budget : budgets.budgets()) {
        String budgetScope = budget.scope().toString();
        if (!budgetScope.equals(scopeKey) && !budgetScope.equals("all")) {
          continue;
        }
        BudgetPeriod.Window window = evaluator.currentWindow(budget);
        BudgetEvaluator.Spend spend =
            now.isAfter(window.start())
                ? BudgetQuery.spend(
                    ledger,
                    catalog,
                    budget.scope(),
                    new BudgetPeriod.Window(window.start(), now),
                    budget.zone())
                : BudgetEvaluator.Spend.NONE;
        Decision decision = decideAgainst(budget, window, spend);
        if (!decision.allowed()) {
          return decision;
        }
        if (closest == null || usedShare(decision) > usedShare(closest)) {
          closest = decision;
        }
      }
    }
    if (closest == null) {
      Guard guard = new Guard(LimitSource.of(List.of()), clock);
      return guard.check(scopeKey, estimateUsd, estimatedTokens);
    }
    return closest;
  }

  private Decision decideAgainst(
      BudgetDefinition budget, BudgetPeriod.Window window, BudgetEvaluator.Spend spend) {
    BigDecimal moneyLimit = null;
    Long tokenLimitOfBudget = null;
    switch (budget.limit().unit()) {
      case USD -> moneyLimit = budget.limit().amount();
      case TOKENS -> tokenLimitOfBudget = budget.limit().amount().longValueExact();
      case SHARE_OF_VALUE -> moneyLimit = budget.limit().amount().multiply(spend.outcomeValueUsd());
      default -> throw new IllegalStateException("unhandled limit " + budget.limit().unit());
    }
    GuardLimit limit =
        new GuardLimit(
            budget.name(),
            scopeKey,
            window.start(),
            window.end(),
            moneyLimit,
            tokenLimitOfBudget,
            budget.hardStop(),
            budget.alertThresholds());
    Guard guard = new Guard(LimitSource.of(List.of(limit)), clock);
    if (spend.costUsd().signum() > 0 || spend.tokens() > 0) {
      guard.recordSpend(scopeKey, spend.costUsd(), spend.tokens(), clock.instant());
    }
    if (loop) {
      guard.markLoop(scopeKey, LOOP_EVIDENCE);
    }
    return guard.check(scopeKey, estimateUsd, estimatedTokens);
  }

  private static double usedShare(Decision decision) {
    BudgetUsage usage = decision.budgetUsage();
    if (usage == null || usage.moneyLimitUsd() == null || usage.moneyLimitUsd().signum() == 0) {
      return 0;
    }
    return usage.spentUsd().doubleValue() / usage.moneyLimitUsd().doubleValue();
  }

  private void validate() {
    List<String> problems = new ArrayList<>();
    requireNonNegative("--estimate", estimateUsd, problems);
    if (budgetsFile == null && limitUsd == null) {
      problems.add("--limit is required unless --budgets FILE is given");
    }
    if (budgetsFile != null && limitUsd != null) {
      problems.add("--limit and --budgets exclude each other; give one of them");
    }
    if (limitUsd != null) {
      requireNonNegative("--limit", limitUsd, problems);
    }
    requireNonNegative("--spent", spentUsd, problems);
    requireNonNegative("--reserved", reservedUsd, problems);
    requireNonNegative("--tokens", estimatedTokens, problems);
    requireNonNegative("--spent-tokens", spentTokens, problems);
    if (tokenLimit != null) {
      requireNonNegative("--token-limit", tokenLimit, problems);
    }
    if (scopeKey.isBlank()) {
      problems.add("--scope must not be blank");
    }
    if (budgetName.isBlank()) {
      problems.add("--budget must not be blank");
    }
    if (!problems.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
    }
  }

  private void writeTable(Decision decision, PrintStream out) {
    BudgetUsage usage = decision.budgetUsage();
    List<String[]> rows = new ArrayList<>();
    rows.add(
        row(
            "decision",
            (decision.allowed() ? "allowed" : "denied") + " (" + decision.reason() + ")"));
    rows.add(row("scope", scopeKey));
    rows.add(row("budget", budgetName + " (hard stop)"));
    rows.add(row("estimate", usd(estimateUsd)));
    rows.add(row("spent", usd(usage.spentUsd())));
    rows.add(row("reserved", usd(usage.reservedUsd())));
    rows.add(row("limit", usd(usage.moneyLimitUsd())));
    if (usage.tokenLimit() != null) {
      rows.add(
          row(
              "tokens",
              estimatedTokens
                  + " estimated, "
                  + usage.spentTokens()
                  + " spent, limit "
                  + usage.tokenLimit()));
    }
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    for (String[] row : rows) {
      out.println(String.format("%-" + width + "s  %s", row[0], row[1]));
    }
    out.println();
    out.println(decision.message());
  }

  private void writeJson(Decision decision, PrintStream out) throws IOException {
    BudgetUsage usage = decision.budgetUsage();
    try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeNumberField("schemaVersion", SCHEMA_VERSION);
      json.writeBooleanField("allowed", decision.allowed());
      json.writeStringField("reason", decision.reason().name());
      json.writeStringField("message", decision.message());
      json.writeStringField("scope", scopeKey);
      json.writeStringField("budget", budgetName);
      json.writeStringField("currency", "USD");
      json.writeNumberField("estimateUsd", exact(estimateUsd));
      json.writeNumberField("estimatedTokens", estimatedTokens);
      json.writeNumberField("spentUsd", exact(usage.spentUsd()));
      json.writeNumberField("reservedUsd", exact(usage.reservedUsd()));
      json.writeNumberField("limitUsd", exact(usage.moneyLimitUsd()));
      json.writeNumberField("spentTokens", usage.spentTokens());
      if (usage.tokenLimit() == null) {
        json.writeNullField("tokenLimit");
      } else {
        json.writeNumberField("tokenLimit", usage.tokenLimit());
      }
      json.writeBooleanField("loopDetected", decision.reason() == Decision.Reason.LOOP_DETECTED);
      json.writeEndObject();
    }
    out.println();
  }

  private static String[] row(String label, String value) {
    return new String[] {label, value};
  }

  /** Returns the exact amount with a dollar sign, because guard limits can be far below a cent. */
  private static String usd(BigDecimal amount) {
    return "$" + exact(amount).toPlainString();
  }

  private static BigDecimal exact(BigDecimal amount) {
    return amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
  }

  private static void requireNonNegative(String option, BigDecimal value, List<String> problems) {
    if (value.signum() < 0) {
      problems.add(option + " must be non-negative, got " + value.toPlainString());
    }
  }

  private static void requireNonNegative(String option, long value, List<String> problems) {
    if (value < 0) {
      problems.add(option + " must be non-negative, got " + value);
    }
  }
}
