package io.handoff.engine.verify;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.handoff.rulemodel.ApprovalGate;
import io.handoff.rulemodel.FinalPosture;
import io.handoff.rulemodel.GuardrailFinding;
import io.handoff.rulemodel.Handoff;
import io.handoff.rulemodel.PostureBand;
import io.handoff.rulemodel.Postures;
import io.handoff.rulemodel.Remediation;
import io.handoff.rulemodel.RetryPolicy;
import io.handoff.rulemodel.Route;
import io.handoff.rulemodel.Score;
import io.handoff.rulemodel.ScoreContribution;
import io.handoff.rulemodel.TicketHistory;
import io.handoff.rulemodel.Verdict;

/**
 * What an analyst's rule may say, in one place (docs/analysts.md explains it with examples). Everything not
 * listed here is refused before anything is compiled.
 */
public final class RuleLanguage {
    private RuleLanguage() {
    }

    /** The package every rule file declares ({@code package handoff.rules;}), as the shipped files and tables do. */
    public static final String PACKAGE = "handoff.rules";

    /** The only package a rule file may import from, with {@code .*} or a type name. */
    public static final String RULE_MODEL_PACKAGE = "io.handoff.rulemodel";

    /** The JDK types a rule may import: the result types of accumulate functions. */
    public static final Map<String, Class<?>> JDK_TYPES = Map.of("java.util.List", List.class,
            "java.util.Set", Set.class, "java.lang.Number", Number.class);

    /**
     * The input facts: the handoff contract as the rules see it, the gaps of a 1.1 contract, and what the service's
     * records say about its ticket and receiver. Rules may match them, never create or change them.
     */
    public static final List<Class<?>> INPUT_TYPES = List.of(Handoff.class, io.handoff.rulemodel.ContractGap.class,
            TicketHistory.class);

    /** What rules decide: the only types a consequence may create, always as {@code insert(new T(...))}. */
    public static final List<Class<?>> OUTCOME_TYPES = List.of(ScoreContribution.class, Score.class, PostureBand.class,
            FinalPosture.class, GuardrailFinding.class, Remediation.class, ApprovalGate.class, Route.class,
            RetryPolicy.class, Verdict.class, io.handoff.rulemodel.Urgency.class, io.handoff.rulemodel.Page.class);

    /** Rule-model classes whose {@link io.handoff.rulemodel.Callable} static methods rules may call. */
    public static final List<Class<?>> HELPER_TYPES = List.of(Postures.class);

    /** The built-in accumulate functions, with the type each result has. */
    public static final Map<String, Class<?>> ACCUMULATE_FUNCTIONS = Map.of("sum", Number.class, "count", Number.class,
            "min", Number.class, "max", Number.class, "average", Number.class, "collectList", List.class,
            "collectSet", Set.class);

    /** Methods of accumulate results that rules may call, by result type. */
    public static final Map<Class<?>, Set<String>> RESULT_METHODS = Map.of(Number.class,
            Set.of("intValue", "longValue", "doubleValue"));

    /** Rule attributes: the value of each must be a literal (salience a whole number). */
    public static final Set<String> ATTRIBUTES = Set.of("salience", "activation-group", "agenda-group", "no-loop",
            "lock-on-active");

    /** Rule annotations, each with one quoted text value. */
    public static final Set<String> ANNOTATIONS = Set.of("reason");

    /** Operators written between a property and values besides the Java comparisons. */
    public static final Set<String> WORD_OPERATORS = Set.of("in", "contains", "memberOf", "excludes");
}
