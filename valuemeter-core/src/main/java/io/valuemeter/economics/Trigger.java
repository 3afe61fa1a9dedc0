package io.valuemeter.economics;

/**
 * A fired optimisation trigger.
 *
 * @param name which trigger fired, such as {@code cost per outcome rising}
 * @param scope what it fired for, such as {@code all usage} or {@code model gpt-5}
 * @param evidence the figures that fired it
 * @param action what to look at next
 */
public record Trigger(String name, String scope, String evidence, String action) {}
