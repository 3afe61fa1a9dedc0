package io.valuemeter.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.valuemeter.budget.BudgetDefinition.Category;
import io.valuemeter.budget.BudgetDefinition.LimitUnit;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetValidatorTest {

  private static final String FILE = "budgets.yaml";

  @Test
  void validate_fullBudget_readsEveryField() {
    Map<String, Object> budget = budget("claude-code-monthly");
    budget.put("zone", "Europe/Budapest");
    budget.put("alert_thresholds", List.of(0.5, new BigDecimal("0.9")));
    budget.put("hard_stop", true);

    BudgetValidator.Result result = BudgetValidator.validate(file(budget), FILE);

    assertThat(result.problems()).isEmpty();
    BudgetDefinition definition = result.budgets().get(0);
    assertThat(definition.name()).isEqualTo("claude-code-monthly");
    assertThat(definition.category()).isEqualTo(Category.FIXED);
    assertThat(definition.scope()).isEqualTo(BudgetScope.of(BudgetScope.Kind.AGENT, "claude-code"));
    assertThat(definition.period()).isEqualTo(BudgetPeriod.MONTH);
    assertThat(definition.zone()).isEqualTo(ZoneId.of("Europe/Budapest"));
    assertThat(definition.limit().unit()).isEqualTo(LimitUnit.USD);
    assertThat(definition.limit().amount()).isEqualByComparingTo("100");
    assertThat(definition.alertThresholds())
        .containsExactly(new BigDecimal("0.5"), new BigDecimal("0.9"));
    assertThat(definition.hardStop()).isTrue();
  }

  @Test
  void validate_defaults_utcAndEightyHundredThresholds() {
    BudgetValidator.Result result = BudgetValidator.validate(file(budget("plain")), FILE);

    BudgetDefinition definition = result.budgets().get(0);
    assertThat(definition.zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(definition.alertThresholds()).containsExactly(new BigDecimal("0.8"), BigDecimal.ONE);
    assertThat(definition.hardStop()).isFalse();
    assertThat(definition.expectedMonthlyValueUsd()).isNull();
  }

  @Test
  void validate_scopeForms_parseKindKeyAndValue() {
    Map<String, Object> all = budget("all");
    all.put("scope", "all");
    Map<String, Object> tag = budget("tag");
    tag.put("scope", "tag:team=search");
    Map<String, Object> tenant = budget("tenant");
    tenant.put("scope", "tenant:acme");
    Map<String, Object> model = budget("model");
    model.put("scope", "model:gpt-5");

    BudgetValidator.Result result = BudgetValidator.validate(file(all, tag, tenant, model), FILE);

    assertThat(result.problems()).isEmpty();
    assertThat(result.budgets().get(0).scope()).isEqualTo(BudgetScope.ALL);
    assertThat(result.budgets().get(1).scope()).isEqualTo(BudgetScope.tag("team", "search"));
    assertThat(result.budgets().get(2).scope().tagKey()).isEqualTo("tenant");
    assertThat(result.budgets().get(2).scope().value()).isEqualTo("acme");
    assertThat(result.budgets().get(3).scope().toString()).isEqualTo("model:gpt-5");
  }

  @Test
  void validate_tokensAndShareLimits_readAsUnits() {
    Map<String, Object> tokens = budget("gpt-5-tokens");
    tokens.remove("limit_usd");
    tokens.put("limit_tokens", 5_000_000);
    Map<String, Object> share = budget("support-share");
    share.remove("limit_usd");
    share.put("category", "variable");
    share.put("limit_share_of_value", 0.1);

    BudgetValidator.Result result = BudgetValidator.validate(file(tokens, share), FILE);

    assertThat(result.problems()).isEmpty();
    assertThat(result.budgets().get(0).limit().unit()).isEqualTo(LimitUnit.TOKENS);
    assertThat(result.budgets().get(0).limit().amount()).isEqualByComparingTo("5000000");
    assertThat(result.budgets().get(1).limit().unit()).isEqualTo(LimitUnit.SHARE_OF_VALUE);
    assertThat(result.budgets().get(1).limit().amount()).isEqualByComparingTo("0.1");
  }

  @Test
  void validate_badInputCases_reportsEveryProblemAtOnce() {
    Map<String, Object> unknownScope = budget("team-budget");
    unknownScope.put("scope", "team:search");
    Map<String, Object> negative = budget("negative");
    negative.put("limit_usd", -5);
    Map<String, Object> mars = budget("ci-bots");
    mars.put("zone", "Mars/Olympus");
    Map<String, Object> first = budget("shared");
    Map<String, Object> second = budget("shared");
    second.put("period", "week");

    BudgetValidator.Result result =
        BudgetValidator.validate(file(unknownScope, negative, mars, first, second), FILE);

    assertThat(result.valid()).isFalse();
    assertThat(result.budgets()).isEmpty();
    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"team-budget\": field \"scope\" value \"team:search\" has an"
                + " unknown scope kind \"team\". Use all, agent, workflow, task, session, model,"
                + " provider or tenant, as in agent:claude-code, or tag as in tag:team=search.",
            "budgets.yaml budget \"negative\": field \"limit_usd\" value \"-5\" must be positive."
                + " Set the maximum spend of the scope per period.",
            "budgets.yaml budget \"ci-bots\": field \"zone\" value \"Mars/Olympus\" is not an IANA"
                + " time zone. Use a name such as Europe/Budapest.",
            "budgets.yaml budget \"shared\": defined twice, as budgets #4 and #5. Names must be"
                + " unique, so rename or remove all but one of them.");
  }

  @Test
  void validate_zeroLimit_mustBePositive() {
    Map<String, Object> zero = budget("zero");
    zero.put("limit_usd", 0);

    BudgetValidator.Result result = BudgetValidator.validate(file(zero), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"zero\": field \"limit_usd\" value \"0\" must be positive."
                + " Set the maximum spend of the scope per period.");
  }

  @Test
  void validate_missingAndUnknownFields_namedByPosition() {
    Map<String, Object> empty = new LinkedHashMap<>();
    empty.put("limit", 10);

    BudgetValidator.Result result = BudgetValidator.validate(file(empty), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget #1: field \"name\" is missing. Give every budget a unique name.",
            "budgets.yaml budget #1: field \"limit\" is not a budget field. Use name, category,"
                + " scope, period, zone, limit_usd, limit_tokens, limit_share_of_value,"
                + " alert_thresholds, hard_stop or expected_monthly_value_usd.",
            "budgets.yaml budget #1: field \"category\" is missing. Use fixed, variable or"
                + " investment.",
            "budgets.yaml budget #1: field \"scope\" is missing. Write it as all, as KIND:VALUE"
                + " such as agent:claude-code, or as tag:KEY=VALUE.",
            "budgets.yaml budget #1: field \"period\" is missing. Use day, week, month or quarter.",
            "budgets.yaml budget #1: has no limit. Set one of limit_usd, limit_tokens or"
                + " limit_share_of_value.");
  }

  @Test
  void validate_unknownCategoryAndPeriod_listsChoices() {
    Map<String, Object> budget = budget("capex");
    budget.put("category", "capex");
    budget.put("period", "year");

    BudgetValidator.Result result = BudgetValidator.validate(file(budget), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"capex\": field \"category\" value \"capex\" is not a budget"
                + " category. Use fixed, variable or investment.",
            "budgets.yaml budget \"capex\": field \"period\" value \"year\" is not a budget"
                + " period. Use day, week, month or quarter.");
  }

  @Test
  void validate_severalLimits_keepOne() {
    Map<String, Object> budget = budget("both");
    budget.put("limit_tokens", 1000);

    BudgetValidator.Result result = BudgetValidator.validate(file(budget), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"both\": sets several limits (limit_usd, limit_tokens). Keep"
                + " one of them.");
  }

  @Test
  void validate_shareOnFixedBudget_needsVariable() {
    Map<String, Object> budget = budget("share-fixed");
    budget.remove("limit_usd");
    budget.put("limit_share_of_value", 0.1);

    BudgetValidator.Result result = BudgetValidator.validate(file(budget), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"share-fixed\": field \"limit_share_of_value\" is allowed for"
                + " variable budgets only, and this one is fixed. Set category to variable, or"
                + " use limit_usd or limit_tokens.");
  }

  @Test
  void validate_shareAboveOne_writeAsFraction() {
    Map<String, Object> budget = budget("ten");
    budget.remove("limit_usd");
    budget.put("category", "variable");
    budget.put("limit_share_of_value", 10);

    BudgetValidator.Result result = BudgetValidator.validate(file(budget), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"ten\": field \"limit_share_of_value\" value \"10\" is above 1."
                + " Write the share as a fraction, 0.10 for 10%.");
  }

  @Test
  void validate_thresholdsOutsideRange_eachReported() {
    Map<String, Object> budget = budget("alerts");
    budget.put("alert_thresholds", List.of(0, 0.8, 1.5));

    BudgetValidator.Result result = BudgetValidator.validate(file(budget), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"alerts\": field \"alert_thresholds\" value \"0\" is not a"
                + " fraction above 0 and at most 1. Write each threshold as a share of the limit,"
                + " 0.8 for 80%.",
            "budgets.yaml budget \"alerts\": field \"alert_thresholds\" value \"1.5\" is not a"
                + " fraction above 0 and at most 1. Write each threshold as a share of the limit,"
                + " 0.8 for 80%.");
  }

  @Test
  void validate_badScopeValues_explainForm() {
    Map<String, Object> noValue = budget("no-value");
    noValue.put("scope", "agent");
    Map<String, Object> tagWithoutKey = budget("tag-no-key");
    tagWithoutKey.put("scope", "tag:team");

    BudgetValidator.Result result = BudgetValidator.validate(file(noValue, tagWithoutKey), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"no-value\": field \"scope\" value \"agent\" has no value."
                + " Write it as agent:VALUE, for example agent:claude-code.",
            "budgets.yaml budget \"tag-no-key\": field \"scope\" value \"tag:team\" needs a tag"
                + " key and value. Write it as tag:KEY=VALUE, for example tag:team=search.");
  }

  @Test
  void validate_tokensNotWhole_rejected() {
    Map<String, Object> budget = budget("half-token");
    budget.remove("limit_usd");
    budget.put("limit_tokens", 1.5);

    BudgetValidator.Result result = BudgetValidator.validate(file(budget), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"half-token\": field \"limit_tokens\" value \"1.5\" is not a"
                + " whole number. Write the token limit as an integer.");
  }

  @Test
  void validate_expectedValueOnFixed_needsInvestment() {
    Map<String, Object> budget = budget("fixed-payback");
    budget.put("expected_monthly_value_usd", 500);

    BudgetValidator.Result result = BudgetValidator.validate(file(budget), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"fixed-payback\": field \"expected_monthly_value_usd\" is"
                + " allowed for investment budgets only, and this one is fixed. Remove it or set"
                + " category to investment.");
  }

  @Test
  void validate_investmentWithExpectedValue_valid() {
    Map<String, Object> budget = budget("fine-tune");
    budget.put("category", "investment");
    budget.put("period", "quarter");
    budget.put("expected_monthly_value_usd", "500.00");

    BudgetValidator.Result result = BudgetValidator.validate(file(budget), FILE);

    assertThat(result.problems()).isEmpty();
    assertThat(result.budgets().get(0).expectedMonthlyValueUsd()).isEqualByComparingTo("500");
  }

  @Test
  void validate_hardStopNotBoolean_rejected() {
    Map<String, Object> budget = budget("stop");
    budget.put("hard_stop", "maybe");

    BudgetValidator.Result result = BudgetValidator.validate(file(budget), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"stop\": field \"hard_stop\" value \"maybe\" is not true or"
                + " false.");
  }

  @Test
  void validate_threeSameNames_listsAllPositions() {
    BudgetValidator.Result result =
        BudgetValidator.validate(file(budget("x"), budget("y"), budget("x"), budget("x")), FILE);

    assertThat(result.problems())
        .containsExactly(
            "budgets.yaml budget \"x\": defined 3 times, as budgets #1, #3 and #4. Names must be"
                + " unique, so rename or remove all but one of them.");
  }

  @Test
  void validate_fileShapes_explainLayout() {
    assertThat(BudgetValidator.validate(null, FILE).problems())
        .containsExactly(
            "budgets.yaml: the file is empty. The file must be a map with one field,"
                + " \"budgets\", that lists the budgets.");
    assertThat(BudgetValidator.validate(List.of(), FILE).problems())
        .containsExactly(
            "budgets.yaml: the file is not a map of fields. The file must be a map with one"
                + " field, \"budgets\", that lists the budgets.");
    assertThat(BudgetValidator.validate(Map.of("budget", List.of()), FILE).problems())
        .containsExactly(
            "budgets.yaml: field \"budget\" is not a top-level field. Put every budget in the"
                + " \"budgets\" list.",
            "budgets.yaml: field \"budgets\" is missing. The file must be a map with one field,"
                + " \"budgets\", that lists the budgets.");
    assertThat(BudgetValidator.validate(Map.of("budgets", List.of("oops")), FILE).problems())
        .containsExactly(
            "budgets.yaml budget #1: value \"oops\" is not a budget. Write each budget as a map"
                + " of fields such as name, category and scope.");
  }

  /** Returns a valid fixed monthly budget of $100 on agent claude-code. */
  private static Map<String, Object> budget(String name) {
    Map<String, Object> budget = new LinkedHashMap<>();
    budget.put("name", name);
    budget.put("category", "fixed");
    budget.put("scope", "agent:claude-code");
    budget.put("period", "month");
    budget.put("limit_usd", 100);
    return budget;
  }

  @SafeVarargs
  private static Map<String, Object> file(Map<String, Object>... budgets) {
    return Map.of("budgets", List.of(budgets));
  }
}
