package io.handoff.engine.verify;

import java.util.List;
import java.util.Optional;

import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.ParseStart;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;

/**
 * What a decision-table column's cells must hold, read from its code snippet: a whole constraint ({@code $param}
 * alone in a condition), a whole consequence ({@code $param} alone in an action), plain text (the parameter sits in
 * quotes), a number (it is an outcome's numeric argument or compared with a numeric property), or any literal value.
 */
enum CellExpectation {
    CONSTRAINT, CONSEQUENCE, TEXT, NUMBER, VALUE;

    private static final String PLACEHOLDER = "__cell__";
    private static final ParseStart<DrlxExpression> DRLX = DrlxParser.buildDrlxParserWithArguments(List.of());

    static CellExpectation of(boolean condition, String snippet, Class<?> patternType) {
        String template = snippet == null || snippet.isBlank() ? "$param" : snippet.strip();
        if (template.equals("$param") || template.equals("$1")) {
            return condition ? CONSTRAINT : CONSEQUENCE;
        }
        String probe = template.replaceAll("\\$(param|\\d+)", PLACEHOLDER);
        try {
            Node parsed = condition ? DrlxParser.parseExpression(DRLX, StringLiterals.doubleQuoted(probe)).getExpr()
                    : StaticJavaParser.parseBlock("{" + probe + "}");
            if (parsed.findFirst(StringLiteralExpr.class, s -> s.getValue().contains(PLACEHOLDER)).isPresent()) {
                return TEXT;
            }
            return parsed.findFirst(NameExpr.class, n -> n.getNameAsString().equals(PLACEHOLDER))
                    .flatMap(n -> context(n, patternType)).orElse(VALUE);
        } catch (RuntimeException e) {
            return VALUE;
        }
    }

    private static Optional<CellExpectation> context(NameExpr placeholder, Class<?> patternType) {
        Optional<Node> parent = placeholder.getParentNode();
        if (parent.isPresent() && parent.get() instanceof ObjectCreationExpr creation) {
            Optional<Class<?>> outcome = Vocabulary.RULE_MODEL.factType(creation.getType().getNameAsString());
            int index = creation.getArguments().indexOf(placeholder);
            if (outcome.isPresent() && index >= 0) {
                List<Class<?>[]> signatures = Vocabulary.RULE_MODEL.constructorParameters(outcome.get(), creation.getArguments().size());
                if (!signatures.isEmpty() && signatures.stream().allMatch(types -> isNumeric(types[index]))) {
                    return Optional.of(NUMBER);
                }
            }
        }
        if (parent.isPresent() && parent.get() instanceof BinaryExpr binary && patternType != null) {
            Node other = binary.getLeft() == placeholder ? binary.getRight() : binary.getLeft();
            if (other instanceof NameExpr property && !(parent.get() instanceof PointFreeExpr)) {
                return Vocabulary.RULE_MODEL.property(patternType, property.getNameAsString())
                        .filter(CellExpectation::isNumeric).map(type -> NUMBER);
            }
        }
        return Optional.empty();
    }

    private static boolean isNumeric(Class<?> type) {
        return type == int.class || type == long.class || type == double.class || type == float.class
                || type == short.class || Number.class.isAssignableFrom(type);
    }
}
