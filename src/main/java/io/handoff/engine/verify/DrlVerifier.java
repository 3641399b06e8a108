package io.handoff.engine.verify;

import io.handoff.text.Shortened;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.io.Resource;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;

/**
 * Verifies one DRL text (an analyst's file, or what Drools generated from a decision table) against
 * {@link RuleLanguage} before anything of it is compiled. It parses with Drools' own DRL parser, the one the
 * compiler uses, so it judges the same rules, patterns and consequences the compiler would build.
 */
public final class DrlVerifier {
    /** Longer rule files are refused unread: no analyst file comes near it, and parsing cost grows with length. */
    static final int MAX_LENGTH = 1_000_000;

    /** The refusals for one DRL text; empty when everything in it is allowed (syntax errors are not refusals). */
    public List<Refusal> verify(String drl) {
        return verify(drl, null).refusals();
    }

    /**
     * Parses and verifies one DRL text. {@code resource} names the source in what the parsed descriptions carry
     * (the compiler reports its own errors against it); null when it does not matter.
     */
    public Verified verify(String drl, Resource resource) {
        if (drl.length() > MAX_LENGTH) {
            return new Verified(null, List.of(new Refusal(0, "the rule file is longer than " + MAX_LENGTH / 1000
                    + " thousand characters: split it")), List.of());
        }
        String lexical = Lexical.anywhere(drl);
        if (lexical != null) {
            return new Verified(null, List.of(new Refusal(Lexical.lineOfFirstProblem(drl), lexical)), List.of());
        }
        try {
            return parseAndCheck(drl, resource);
        } catch (StackOverflowError e) {
            return new Verified(null, List.of(new Refusal(0, "the rule file is nested too deeply to be checked")), List.of());
        }
    }

    private Verified parseAndCheck(String drl, Resource resource) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = resource == null ? parser.parse(false, drl) : parser.parse(resource, new StringReader(drl));
        } catch (DroolsParserException | RuntimeException e) {
            return new Verified(null, List.of(), List.of(new Refusal(0, "the rule file cannot be parsed: " + e.getMessage())));
        }
        if (parser.hasErrors() || pkg == null) {
            List<Refusal> errors = parser.getErrors().stream().map(error -> new Refusal(
                    error.getLines() != null && error.getLines().length > 0 ? Math.max(0, error.getLines()[0]) : 0,
                    error.getMessage())).toList();
            return new Verified(null, List.of(), errors.isEmpty() ? List.of(new Refusal(0, "the rule file cannot be parsed")) : errors);
        }
        List<Refusal> refusals = new ArrayList<>();
        packageLevel(pkg, refusals);
        ConsequenceCheck consequences = new ConsequenceCheck();
        for (RuleDescr rule : pkg.getRules()) {
            if (rule instanceof QueryDescr) {
                refusals.add(new Refusal(rule.getLine(), "query " + rule.getName() + ": queries are not allowed"));
            } else {
                rule(rule, consequences, refusals);
            }
        }
        return new Verified(pkg, refusals, List.of());
    }

    private static void packageLevel(PackageDescr pkg, List<Refusal> refusals) {
        if (!RuleLanguage.PACKAGE.equals(pkg.getName())) {
            // javac resolves a class of the rule file's own package before an import: another package could give
            // "Route" a different meaning than the rule model's
            refusals.add(new Refusal(pkg.getLine() > 0 ? pkg.getLine() : 1, "package " + pkg.getName()
                    + " is not allowed: rule files are in package " + RuleLanguage.PACKAGE));
        }
        for (ImportDescr imported : pkg.getImports()) {
            String target = imported.getTarget();
            boolean ruleModel = target.equals(RuleLanguage.RULE_MODEL_PACKAGE + ".*")
                    || target.startsWith(RuleLanguage.RULE_MODEL_PACKAGE + ".")
                    && Vocabulary.RULE_MODEL.factType(target.substring(RuleLanguage.RULE_MODEL_PACKAGE.length() + 1))
                    .or(() -> Vocabulary.RULE_MODEL.helperType(target.substring(RuleLanguage.RULE_MODEL_PACKAGE.length() + 1))).isPresent();
            if (!ruleModel && !RuleLanguage.JDK_TYPES.containsKey(target)) {
                refusals.add(new Refusal(imported.getLine(), "import " + target + " is not allowed: import "
                        + RuleLanguage.RULE_MODEL_PACKAGE + ".* (and " + String.join(", ", RuleLanguage.JDK_TYPES.keySet()) + ") only"));
            }
        }
        pkg.getFunctionImports().forEach(f -> refusals.add(new Refusal(f.getLine(), "import function is not allowed")));
        pkg.getAccumulateImports().forEach(a -> refusals.add(new Refusal(a.getLine(), "import accumulate is not allowed: use the built-in functions "
                + RuleLanguage.ACCUMULATE_FUNCTIONS.keySet())));
        pkg.getFunctions().forEach(f -> refusals.add(new Refusal(f.getLine(), "function " + f.getName() + ": functions are not allowed")));
        pkg.getGlobals().forEach(g -> refusals.add(new Refusal(g.getLine(), "global " + g.getIdentifier() + ": globals are not allowed")));
        pkg.getTypeDeclarations().forEach(t -> refusals.add(new Refusal(t.getLine(), "declare " + t.getTypeName() + ": type declarations are not allowed")));
        pkg.getEnumDeclarations().forEach(t -> refusals.add(new Refusal(t.getLine(), "declare enum " + t.getTypeName() + ": type declarations are not allowed")));
        pkg.getEntryPointDeclarations().forEach(e -> refusals.add(new Refusal(e.getLine(), "entry points are not allowed")));
        pkg.getWindowDeclarations().forEach(w -> refusals.add(new Refusal(w.getLine(), "windows are not allowed")));
        if (pkg.getUnit() != null) {
            refusals.add(new Refusal(pkg.getUnit().getLine(), "rule units are not allowed"));
        }
        pkg.getAttributes().forEach(a -> refusals.add(new Refusal(a.getLine(), "package attribute " + a.getName()
                + " is not allowed: set attributes on each rule")));
    }

    private static void rule(RuleDescr rule, ConsequenceCheck consequences, List<Refusal> refusals) {
        String name = "rule " + rule.getName() + ": ";
        if (rule.getParentName() != null) {
            refusals.add(new Refusal(rule.getLine(), name + "extends is not allowed: write each rule's conditions in full"));
        }
        for (Map.Entry<String, AttributeDescr> attribute : rule.getAttributes().entrySet()) {
            String problem = attribute(attribute.getKey(), attribute.getValue().getValue());
            if (problem != null) {
                refusals.add(new Refusal(lineOf(attribute.getValue().getLine(), rule), name + problem));
            }
        }
        for (AnnotationDescr annotation : rule.getAnnotations()) {
            String problem = annotation(annotation);
            if (problem != null) {
                refusals.add(new Refusal(lineOf(annotation.getLine(), rule), name + problem));
            }
        }
        Scope scope = new Scope();
        new ConditionCheck(scope).check(rule.getLhs()).forEach(r -> refusals.add(new Refusal(lineOf(r.line(), rule), name + r.message())));
        Object consequence = rule.getConsequence();
        if (!(consequence instanceof String text)) {
            refusals.add(new Refusal(rule.getLine(), name + "named consequences are not allowed"));
            return;
        }
        for (ConsequenceCheck.Finding finding : consequences.check(text, scope)) {
            int line = rule.getConsequenceLine() > 0 ? rule.getConsequenceLine() + finding.line() : rule.getLine();
            refusals.add(new Refusal(line, name + finding.message()));
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            refusals.add(new Refusal(rule.getLine(), name + "named consequences are not allowed"));
        }
    }

    private static int lineOf(int line, RuleDescr rule) {
        return line > 0 ? line : rule.getLine();
    }

    /** Null when the attribute is allowed with this value. */
    private static String attribute(String name, String value) {
        if (!RuleLanguage.ATTRIBUTES.contains(name)) {
            return "the attribute " + name + " is not allowed" + (List.of("date-effective", "date-expires", "timer", "duration",
                    "calendars").contains(name) ? " (rules never read the clock)" : "") + "; allowed: " + RuleLanguage.ATTRIBUTES;
        }
        String v = value == null ? "" : value.strip();
        return switch (name) {
            case "salience" -> isWholeNumber(v) ? null : "salience must be a whole number, found " + v;
            case "no-loop", "lock-on-active" -> v.equals("true") || v.equals("false") ? null : name + " must be true or false, found " + v;
            default -> null; // group names are text in quotes: the parser gives them as plain strings
        };
    }

    private static boolean isWholeNumber(String value) {
        try {
            Expression parsed = StaticJavaParser.parseExpression(value);
            if (parsed instanceof UnaryExpr unary && unary.getOperator() == UnaryExpr.Operator.MINUS) {
                parsed = unary.getExpression();
            }
            return parsed instanceof IntegerLiteralExpr;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String annotation(AnnotationDescr annotation) {
        if (!RuleLanguage.ANNOTATIONS.contains(annotation.getName())) {
            return "the annotation @" + annotation.getName() + " is not allowed; allowed: " + RuleLanguage.ANNOTATIONS;
        }
        Map<String, Object> values = annotation.getValueMap();
        if (values.size() != 1 || !values.containsKey("value")) {
            return "@" + annotation.getName() + " takes one text in quotes";
        }
        String value = String.valueOf(values.get("value")).strip();
        try {
            if (StaticJavaParser.parseExpression(value) instanceof StringLiteralExpr) {
                return null;
            }
        } catch (RuntimeException e) {
            // not a literal
        }
        return "@" + annotation.getName() + " takes one text in quotes, found " + shorten(value);
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return Shortened.to(flat, 100, "...");
    }
}
