package io.handoff.rulemodel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a rule-model method that analysts' rules may call besides property getters ({@code getX()}/{@code isX()}),
 * such as {@code hasEvidence("unit")}. The rule verifier allows no other method call: a method without this mark
 * cannot be reached from a rule, whatever its visibility.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Callable {
}
