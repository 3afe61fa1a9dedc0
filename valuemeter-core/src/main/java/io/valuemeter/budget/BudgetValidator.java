package io.valuemeter.budget;

import io.valuemeter.budget.BudgetDefinition.Category;
import io.valuemeter.budget.BudgetDefinition.Limit;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds budget definitions from the parsed content of a budget file and reports every problem of
 * the file at once.
 *
 * <p>The input is what a YAML or JSON parser returns for the file as plain Java values: maps,
 * lists, strings, numbers and booleans. The file is a map with one field, {@code budgets}, a list
 * of budgets. Each budget is a map with the fields of {@link #BUDGET_FIELDS}: {@code name}, {@code
 * category}, {@code scope} and {@code period} are required, {@code zone} defaults to UTC, exactly
 * one of {@code limit_usd}, {@code limit_tokens} and {@code limit_share_of_value} is required, and
 * {@code alert_thresholds}, {@code hard_stop} and {@code expected_monthly_value_usd} are optional.
 */
public final class BudgetValidator {

  /** Every field a budget may have, in the order the documentation lists them. */
  public static final List<String> BUDGET_FIELDS =
      List.of(
          "name",
          "category",
          "scope",
          "period",
          "zone",
          "limit_usd",
          "limit_tokens",
          "limit_share_of_value",
          "alert_thresholds",
          "hard_stop",
          "expected_monthly_value_usd");

  private static final List<String> LIMIT_FIELDS =
      List.of("limit_usd", "limit_tokens", "limit_share_of_value");

  private static final String TOP_LEVEL_FIELD = "budgets";

  /**
   * The outcome of a validation: the definitions when the file is valid, otherwise every problem.
   *
   * @param budgets the definitions in file order; empty when there is any problem
   * @param problems one message per problem, empty when the file is valid. Each message names the
   *     file, the budget, the field and the value, and what to do.
   */
  public record Result(List<BudgetDefinition> budgets, List<String> problems) {

    public Result {
      budgets = List.copyOf(budgets);
      problems = List.copyOf(problems);
    }

    /** Returns true when the file has no problem. */
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private BudgetValidator() {}

  /**
   * Validates the parsed content of a budget file.
   *
   * @param document the parsed file: a map with a {@code budgets} list, or null for an empty file
   * @param fileName the file's name as the user gave it, which starts every message
   */
  public static Result validate(Object document, String fileName) {
    List<String> problems = new ArrayList<>();
    List<?> entries = budgetList(document, fileName, problems);
    List<BudgetDefinition> budgets = new ArrayList<>();
    Map<String, List<Integer>> positionsByName = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      int position = i + 1;
      Object entry = entries.get(i);
      if (!(entry instanceof Map<?, ?> fields)) {
        problems.add(
            fileName
                + " budget #"
                + position
                + ": value "
                + quote(entry)
                + " is not a budget. Write each budget as a map of fields such as name,"
                + " category and scope.");
        continue;
      }
      BudgetReader reader = new BudgetReader(fields, fileName, position);
      reader.read().ifPresent(budgets::add);
      problems.addAll(reader.problems);
      if (reader.name != null) {
        positionsByName.computeIfAbsent(reader.name, name -> new ArrayList<>()).add(position);
      }
    }
    positionsByName.forEach(
        (name, positions) -> {
          if (positions.size() > 1) {
            problems.add(duplicateProblem(fileName, name, positions));
          }
        });
    return problems.isEmpty() ? new Result(budgets, List.of()) : new Result(List.of(), problems);
  }

  private static List<?> budgetList(Object document, String fileName, List<String> problems) {
    String expected =
        " The file must be a map with one field, \"budgets\", that lists the budgets.";
    if (document == null) {
      problems.add(fileName + ": the file is empty." + expected);
      return List.of();
    }
    if (!(document instanceof Map<?, ?> top)) {
      problems.add(fileName + ": the file is not a map of fields." + expected);
      return List.of();
    }
    for (Object key : top.keySet()) {
      if (!TOP_LEVEL_FIELD.equals(key)) {
        problems.add(
            fileName
                + ": field "
                + quote(key)
                + " is not a top-level field. Put every budget in the \"budgets\" list.");
      }
    }
    Object list = top.get(TOP_LEVEL_FIELD);
    if (list == null) {
      problems.add(fileName + ": field \"budgets\" is missing." + expected);
      return List.of();
    }
    if (!(list instanceof List<?> entries)) {
      problems.add(
          fileName
              + ": field \"budgets\" value "
              + quote(list)
              + " is not a list. Write one list entry per budget.");
      return List.of();
    }
    if (entries.isEmpty()) {
      problems.add(fileName + ": field \"budgets\" is an empty list. Add at least one budget.");
    }
    return entries;
  }

  private static String duplicateProblem(String fileName, String name, List<Integer> positions) {
    List<String> labels = new ArrayList<>();
    for (int position : positions) {
      labels.add("#" + position);
    }
    String last = labels.remove(labels.size() - 1);
    String count = positions.size() == 2 ? "twice" : positions.size() + " times";
    return fileName
        + " budget "
        + quote(name)
        + ": defined "
        + count
        + ", as budgets "
        + String.join(", ", labels)
        + " and "
        + last
        + ". Names must be unique, so rename or remove all but one of them.";
  }

  /** Returns a value for a message: in double quotes, and decimals without an exponent. */
  static String quote(Object value) {
    if (value instanceof BigDecimal decimal) {
      return "\"" + decimal.toPlainString() + "\"";
    }
    return "\"" + value + "\"";
  }

  /** Reads one budget map and collects its problems. */
  private static final class BudgetReader {

    private final Map<?, ?> fields;
    private final String fileName;
    private final int position;
    private final List<String> problems = new ArrayList<>();
    private String name;

    BudgetReader(Map<?, ?> fields, String fileName, int position) {
      this.fields = fields;
      this.fileName = fileName;
      this.position = position;
    }

    Optional<BudgetDefinition> read() {
      name = readName();

      for (Object key : fields.keySet()) {
        if (!BUDGET_FIELDS.contains(String.valueOf(key))) {
          problem(
              "field "
                  + quote(key)
                  + " is not a budget field. Use "
                  + String.join(", ", BUDGET_FIELDS.subList(0, BUDGET_FIELDS.size() - 1))
                  + " or "
                  + BUDGET_FIELDS.get(BUDGET_FIELDS.size() - 1)
                  + ".");
        }
      }

      Category category = readCategory();
      BudgetScope scope = readScope();
      BudgetPeriod period = readPeriod();
      ZoneId zone = readZone();
      Limit limit = readLimit(category);
      List<BigDecimal> thresholds = readThresholds();
      boolean hardStop = readHardStop();
      BigDecimal expectedMonthlyValue = readExpectedMonthlyValue(category);

      if (!problems.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new BudgetDefinition(
              name,
              category,
              scope,
              period,
              zone,
              limit,
              thresholds,
              hardStop,
              expectedMonthlyValue));
    }

    private String readName() {
      Object value = fields.get("name");
      if (value == null) {
        problem("field \"name\" is missing. Give every budget a unique name.");
        return null;
      }
      if (value instanceof Map || value instanceof List || String.valueOf(value).isBlank()) {
        problem(
            "field \"name\" value "
                + quote(value)
                + " is not a name. Give every budget a unique name such as ci-bots.");
        return null;
      }
      return String.valueOf(value).trim();
    }

    private Category readCategory() {
      String text = requiredText("category", "Use fixed, variable or investment.");
      if (text == null) {
        return null;
      }
      for (Category category : Category.values()) {
        if (category.label().equalsIgnoreCase(text.trim())) {
          return category;
        }
      }
      problem(
          "field \"category\" value "
              + quote(text)
              + " is not a budget category. Use fixed, variable or investment.");
      return null;
    }

    private BudgetScope readScope() {
      String text =
          requiredText(
              "scope",
              "Write it as all, as KIND:VALUE such as agent:claude-code, or as"
                  + " tag:KEY=VALUE.");
      if (text == null) {
        return null;
      }
      String trimmed = text.trim();
      int colon = trimmed.indexOf(':');
      String kindText = colon < 0 ? trimmed : trimmed.substring(0, colon).trim();
      String value = colon < 0 ? null : trimmed.substring(colon + 1).trim();
      Optional<BudgetScope.Kind> kind = BudgetScope.Kind.fromLabel(kindText);
      if (kind.isEmpty()) {
        problem(
            "field \"scope\" value "
                + quote(text)
                + " has an unknown scope kind "
                + quote(kindText)
                + ". Use all, agent, workflow, task, session, model, provider or tenant, as in"
                + " agent:claude-code, or tag as in tag:team=search.");
        return null;
      }
      return scopeOf(kind.get(), value, text);
    }

    private BudgetScope scopeOf(BudgetScope.Kind kind, String value, String text) {
      if (kind == BudgetScope.Kind.ALL) {
        if (value != null) {
          problem("field \"scope\" value " + quote(text) + " gives all a value. Write it as all.");
          return null;
        }
        return BudgetScope.ALL;
      }
      if (value == null || value.isEmpty()) {
        problem(
            "field \"scope\" value "
                + quote(text)
                + " has no value. Write it as "
                + kind.label()
                + ":VALUE, for example "
                + (kind == BudgetScope.Kind.TAG ? "tag:team=search." : "agent:claude-code."));
        return null;
      }
      if (kind != BudgetScope.Kind.TAG) {
        return BudgetScope.of(kind, value);
      }
      int equals = value.indexOf('=');
      if (equals <= 0 || equals == value.length() - 1) {
        problem(
            "field \"scope\" value "
                + quote(text)
                + " needs a tag key and value. Write it as tag:KEY=VALUE, for example"
                + " tag:team=search.");
        return null;
      }
      return BudgetScope.tag(value.substring(0, equals).trim(), value.substring(equals + 1).trim());
    }

    private BudgetPeriod readPeriod() {
      String text = requiredText("period", "Use day, week, month or quarter.");
      if (text == null) {
        return null;
      }
      for (BudgetPeriod period : BudgetPeriod.values()) {
        if (period.label().equalsIgnoreCase(text.trim())) {
          return period;
        }
      }
      problem(
          "field \"period\" value "
              + quote(text)
              + " is not a budget period. Use day, week, month or quarter.");
      return null;
    }

    private ZoneId readZone() {
      Object value = fields.get("zone");
      if (value == null) {
        return ZoneId.of("UTC");
      }
      try {
        return ZoneId.of(String.valueOf(value).trim());
      } catch (DateTimeException e) {
        problem(
            "field \"zone\" value "
                + quote(value)
                + " is not an IANA time zone. Use a name such as Europe/Budapest.");
        return null;
      }
    }

    private Limit readLimit(Category category) {
      List<String> given = new ArrayList<>();
      for (String field : LIMIT_FIELDS) {
        if (fields.containsKey(field)) {
          given.add(field);
        }
      }
      if (given.isEmpty()) {
        problem("has no limit. Set one of limit_usd, limit_tokens or limit_share_of_value.");
        return null;
      }
      if (given.size() > 1) {
        problem("sets several limits (" + String.join(", ", given) + "). Keep one of them.");
      }
      Limit limit = null;
      for (String field : given) {
        Limit read = readOneLimit(field, category);
        if (limit == null) {
          limit = read;
        }
      }
      return limit;
    }

    private Limit readOneLimit(String field, Category category) {
      BigDecimal amount = positiveNumber(field, "Set the maximum spend of the scope per period.");
      if (field.equals("limit_share_of_value")
          && category != null
          && category != Category.VARIABLE) {
        problem(
            "field \"limit_share_of_value\" is allowed for variable budgets only, and this one is "
                + category.label()
                + ". Set category to variable, or use limit_usd or limit_tokens.");
        return null;
      }
      if (amount == null) {
        return null;
      }
      switch (field) {
        case "limit_usd":
          return Limit.usd(amount);
        case "limit_tokens":
          if (amount.stripTrailingZeros().scale() > 0) {
            problem(
                "field \"limit_tokens\" value "
                    + quote(amount)
                    + " is not a whole number. Write the token limit as an integer.");
            return null;
          }
          return new Limit(BudgetDefinition.LimitUnit.TOKENS, amount.stripTrailingZeros());
        default:
          if (amount.compareTo(BigDecimal.ONE) > 0) {
            problem(
                "field \"limit_share_of_value\" value "
                    + quote(amount)
                    + " is above 1. Write the share as a fraction, 0.10 for 10%.");
            return null;
          }
          return Limit.shareOfValue(amount);
      }
    }

    private List<BigDecimal> readThresholds() {
      Object value = fields.get("alert_thresholds");
      if (value == null) {
        return BudgetDefinition.DEFAULT_ALERT_THRESHOLDS;
      }
      if (!(value instanceof List<?> items)) {
        problem(
            "field \"alert_thresholds\" value "
                + quote(value)
                + " is not a list. Write it as a list of fractions such as [0.8, 1.0].");
        return null;
      }
      List<BigDecimal> thresholds = new ArrayList<>();
      for (Object item : items) {
        BigDecimal threshold = decimal(item);
        if (threshold == null
            || threshold.signum() <= 0
            || threshold.compareTo(BigDecimal.ONE) > 0) {
          problem(
              "field \"alert_thresholds\" value "
                  + quote(item)
                  + " is not a fraction above 0 and at most 1. Write each threshold as a share"
                  + " of the limit, 0.8 for 80%.");
        } else {
          thresholds.add(threshold);
        }
      }
      return thresholds;
    }

    private boolean readHardStop() {
      Object value = fields.get("hard_stop");
      if (value == null) {
        return false;
      }
      if (value instanceof Boolean flag) {
        return flag;
      }
      problem("field \"hard_stop\" value " + quote(value) + " is not true or false.");
      return false;
    }

    private BigDecimal readExpectedMonthlyValue(Category category) {
      if (!fields.containsKey("expected_monthly_value_usd")) {
        return null;
      }
      BigDecimal amount =
          positiveNumber(
              "expected_monthly_value_usd",
              "Set the value in US dollars that the investment is expected to return per month.");
      if (category != null && category != Category.INVESTMENT) {
        problem(
            "field \"expected_monthly_value_usd\" is allowed for investment budgets only, and this"
                + " one is "
                + category.label()
                + ". Remove it or set category to investment.");
        return null;
      }
      return amount;
    }

    private String requiredText(String field, String hint) {
      Object value = fields.get(field);
      if (value == null) {
        problem("field " + quote(field) + " is missing. " + hint);
        return null;
      }
      if (value instanceof Map || value instanceof List) {
        problem("field " + quote(field) + " value " + quote(value) + " is not text. " + hint);
        return null;
      }
      return String.valueOf(value);
    }

    private BigDecimal positiveNumber(String field, String hint) {
      Object value = fields.get(field);
      BigDecimal amount = decimal(value);
      if (amount == null) {
        problem(
            "field "
                + quote(field)
                + " value "
                + quote(value)
                + " is not a number. Write a decimal such as 250.00.");
        return null;
      }
      if (amount.signum() <= 0) {
        problem("field " + quote(field) + " value " + quote(value) + " must be positive. " + hint);
        return null;
      }
      return amount;
    }

    private void problem(String text) {
      String budget = name != null ? "budget " + quote(name) : "budget #" + position;
      problems.add(fileName + " " + budget + ": " + text);
    }
  }

  /** Returns a number or numeric text as an exact decimal, or null when it is neither. */
  private static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      return Double.isFinite(number) ? new BigDecimal(Double.toString(number)) : null;
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    if (value instanceof String text) {
      try {
        return new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
