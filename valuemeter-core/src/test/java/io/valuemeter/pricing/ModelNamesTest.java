package io.valuemeter.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelNamesTest {

  @Test
  void candidates_providerPrefixedAndDated_mostSpecificFirst() {
    assertThat(ModelNames.candidates("OpenAI/gpt-oss-20B", "together_ai"))
        .containsExactly("together_ai/openai/gpt-oss-20b", "openai/gpt-oss-20b", "gpt-oss-20b");
  }

  @Test
  void baseName_dateSuffix_removed() {
    assertThat(ModelNames.baseName("claude-sonnet-4-20250514")).isEqualTo("claude-sonnet-4");
    assertThat(ModelNames.baseName("gpt-4o-2024-08-06")).isEqualTo("gpt-4o");
  }

  @Test
  void baseName_bedrockAndVertexSpellings_reduced() {
    assertThat(ModelNames.baseName("us.anthropic.claude-3-5-haiku-20241022-v1:0"))
        .isEqualTo("claude-3-5-haiku");
    assertThat(ModelNames.baseName("vertex_ai/claude-3-sonnet@20240229"))
        .isEqualTo("claude-3-sonnet");
  }

  @Test
  void baseName_shortNumericSuffix_kept() {
    // "-0905" and "-0709" are part of the model name, not an 8-digit date
    assertThat(ModelNames.baseName("moonshotai/Kimi-K2-Instruct-0905"))
        .isEqualTo("kimi-k2-instruct-0905");
    assertThat(ModelNames.baseName("grok-4-0709")).isEqualTo("grok-4-0709");
  }
}
