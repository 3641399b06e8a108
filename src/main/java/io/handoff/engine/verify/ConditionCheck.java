package io.handoff.engine.verify;

import io.handoff.text.Shortened;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.ParseStart;
import org.drools.mvel.parser.ast.expr.DrlxExpression;

/**
 * The {@code when} part: patterns over rule-model facts joined by and/or/not/exists/forall, and
 * {@code from accumulate} with a built-in function. Each constraint is parsed with Drools' DRLX expression parser
 * and checked by {@link ExpressionCheck} against the pattern's type. Bindings are collected into the rule's
 * {@link Scope} in order, for later constraints and the consequence.
 */
final class ConditionCheck {
    record Finding(int line, String message) {
    }

    private static final ParseStart<DrlxExpression> DRLX = DrlxParser.buildDrlxParserWithArguments(List.of());

    private final Vocabulary vocabulary = Vocabulary.RULE_MODEL;
    private final Scope scope;
    private final List<Finding> findings = new ArrayList<>();

    ConditionCheck(Scope scope) {
        this.scope = scope;
    }

    List<Finding> check(AndDescr lhs) {
        element(lhs, lhs.getLine());
        return List.copyOf(findings);
    }

    private void element(BaseDescr descr, int line) {
        int at = descr.getLine() > 0 ? descr.getLine() : line;
        if (descr instanceof AndDescr || descr instanceof OrDescr || descr instanceof NotDescr
                || descr instanceof ExistsDescr || descr instanceof ForallDescr) {
            for (BaseDescr child : ((org.drools.drl.ast.descr.ConditionalElementDescr) descr).getDescrs()) {
                element(child, at);
            }
        } else if (descr instanceof PatternDescr pattern) {
            pattern(pattern, at);
        } else {
            findings.add(new Finding(at, kind(descr) + " is not allowed in the when part: use patterns over the rule model"
                    + " with and, or, not, exists, forall and from accumulate"));
        }
    }

    private static String kind(BaseDescr descr) {
        String simple = descr.getClass().getSimpleName().replace("Descr", "");
        return switch (simple) {
            case "Eval" -> "eval(...)";
            case "Collect" -> "from collect";
            case "ConditionalBranch", "NamedConsequence" -> "if/do and then[...] branches";
            default -> simple.toLowerCase();
        };
    }

    private void pattern(PatternDescr pattern, int line) {
        PatternSourceDescr source = pattern.getSource();
        Optional<Class<?>> type;
        if (source == null) {
            type = vocabulary.factType(pattern.getObjectType());
            if (type.isEmpty()) {
                findings.add(new Finding(line, "pattern " + pattern.getObjectType() + "(...) is not a rule-model fact: patterns may match "
                        + RuleLanguage.INPUT_TYPES.stream().map(Class::getSimpleName).toList() + " and the outcome types " + RuleLanguage.OUTCOME_TYPES.stream().map(Class::getSimpleName).toList()));
                return;
            }
        } else if (source instanceof AccumulateDescr accumulate) {
            type = accumulate(accumulate, pattern, line);
            if (type.isEmpty()) {
                return;
            }
        } else {
            findings.add(new Finding(line, "pattern " + pattern.getObjectType() + " " + source.getText().strip()
                    + ": 'from' over anything but accumulate (entry points, windows, expressions, method calls) is not allowed"));
            return;
        }
        if (!pattern.getBehaviors().isEmpty()) {
            findings.add(new Finding(line, "pattern " + pattern.getObjectType() + ": windows (over ...) are not allowed"));
        }
        if (pattern.getAnnotations() != null && !pattern.getAnnotations().isEmpty()) {
            findings.add(new Finding(line, "pattern " + pattern.getObjectType() + ": annotations on patterns are not allowed"));
        }
        if (pattern.getIdentifier() != null) {
            bind(pattern.getIdentifier(), type.get(), line);
        }
        for (BaseDescr constraint : pattern.getDescrs()) {
            int at = constraint.getLine() > 0 ? constraint.getLine() : line;
            if (constraint instanceof ExprConstraintDescr expression) {
                constraint(expression.getExpression(), type.get(), at);
            } else {
                findings.add(new Finding(at, kind(constraint) + " constraints are not allowed"));
            }
        }
    }

    private Optional<Class<?>> accumulate(AccumulateDescr accumulate, PatternDescr pattern, int line) {
        if (!accumulate.isExternalFunction() || accumulate.getInitCode() != null || accumulate.getActionCode() != null
                || accumulate.getReverseCode() != null || accumulate.getResultCode() != null) {
            findings.add(new Finding(line, "accumulate with init/action/reverse/result code is not allowed: use a built-in function "
                    + RuleLanguage.ACCUMULATE_FUNCTIONS.keySet()));
            return Optional.empty();
        }
        if (accumulate.getInput() != null) {
            element(accumulate.getInput(), line);
        }
        Class<?> result = null;
        for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
            Class<?> type = RuleLanguage.ACCUMULATE_FUNCTIONS.get(function.getFunction());
            if (type == null) {
                findings.add(new Finding(line, "accumulate function " + function.getFunction() + " is not built in; allowed: "
                        + RuleLanguage.ACCUMULATE_FUNCTIONS.keySet()));
                return Optional.empty();
            }
            for (String parameter : function.getParams()) {
                constraint(parameter, null, line);
            }
            if (function.getBind() != null) {
                bind(function.getBind(), type, line);
            }
            result = type;
        }
        String declared = pattern.getObjectType();
        if (accumulate.getFunctions().size() == 1 && (declared.equals("Number") || declared.equals("List") || declared.equals("Set"))) {
            return Optional.of(result);
        }
        if (declared.equals("Object") && accumulate.getFunctions().stream().allMatch(f -> f.getBind() != null)) {
            return Optional.of(Object.class); // accumulate( X(...); $s : sum(...); $s > 10 )
        }
        findings.add(new Finding(line, "the result of accumulate is matched as " + declared + ": use Number(), List() or Set()"));
        return Optional.empty();
    }

    private void constraint(String text, Class<?> patternType, int line) {
        String lexical = Lexical.check(text, false);
        if (lexical != null) {
            findings.add(new Finding(line, lexical + " (in: " + shorten(text) + ")"));
            return;
        }
        DrlxExpression expression;
        try {
            expression = DrlxParser.parseExpression(DRLX, StringLiterals.doubleQuoted(text));
        } catch (RuntimeException e) {
            findings.add(new Finding(line, "cannot read the constraint '" + shorten(text) + "' as a rule expression"));
            return;
        }
        List<String> refusals = new ArrayList<>();
        ExpressionCheck check = new ExpressionCheck(patternType, scope, refusals);
        check.check(expression.getExpr());
        refusals.forEach(message -> findings.add(new Finding(line, message)));
        if (expression.getBind() != null) {
            bind(expression.getBind().asString(), check.boundType(expression.getExpr()), line);
        }
    }

    private void bind(String name, Class<?> type, int line) {
        String id = name.strip();
        if (!id.startsWith("$")) {
            findings.add(new Finding(line, "binding " + id + " must start with $ (write $" + id + ")"));
        }
        scope.bind(id, type);
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return Shortened.to(flat, 100, "...");
    }
}
