package io.handoff.engine.verify;

import io.handoff.text.Shortened;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.ParseStart;
import org.drools.mvel.parser.ast.expr.DrlxExpression;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;

/**
 * Checks every data cell of a decision table's {@code RuleTable} against what its column's code snippet expects
 * ({@link CellExpectation}), so that a refusal names the sheet, row, column letter and header:
 * {@code row 12, column E (Points): only a number is allowed here}. The DRL generated from the table is verified
 * afterwards as well; this check is what makes the message speak the analyst's language.
 */
public final class TableCellCheck {
    private static final ParseStart<DrlxExpression> DRLX = DrlxParser.buildDrlxParserWithArguments(List.of());

    private record Column(int index, String type, String header, CellExpectation expectation, Class<?> patternType) {
    }

    /** {@code grid.get(row).get(column)}: the text of each cell as Drools reads it ("" when empty), 0-based. */
    public List<CellRefusal> check(List<List<String>> grid) {
        List<CellRefusal> refusals = new ArrayList<>();
        int[] start = ruleTable(grid);
        if (start == null) {
            return refusals;
        }
        int top = start[0];
        List<Column> columns = columns(grid, top, start[1]);
        for (int r = top + 5; r < grid.size(); r++) {
            int row = r;
            if (columns.stream().allMatch(c -> cell(grid, row, c.index()).isEmpty())) {
                break; // Drools ends the table at the first blank row
            }
            for (Column column : columns) {
                String value = cell(grid, r, column.index());
                if (!value.isEmpty()) {
                    check(column, value).ifPresent(message -> refusals.add(new CellRefusal(row + 1,
                            letters(column.index()), column.header(), message)));
                }
            }
        }
        return refusals;
    }

    private static int[] ruleTable(List<List<String>> grid) {
        for (int r = 0; r < grid.size(); r++) {
            for (int c = 0; c < grid.get(r).size(); c++) {
                if (grid.get(r).get(c).startsWith("RuleTable")) {
                    return new int[] {r, c};
                }
            }
        }
        return null;
    }

    private static List<Column> columns(List<List<String>> grid, int top, int left) {
        List<Column> columns = new ArrayList<>();
        Class<?> patternType = null;
        List<String> types = top + 1 < grid.size() ? grid.get(top + 1) : List.of();
        for (int c = left; c < types.size(); c++) {
            String type = types.get(c).strip().toUpperCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue;
            }
            String objectType = cell(grid, top + 2, c);
            boolean condition = type.equals("CONDITION") || type.equals("C");
            if (condition && !objectType.isEmpty()) {
                patternType = Vocabulary.RULE_MODEL.factType(objectType.replaceAll("\\s.*", "")).orElse(null);
            }
            String snippet = cell(grid, top + 3, c);
            CellExpectation expectation = switch (type) {
                case "CONDITION", "C" -> CellExpectation.of(true, snippet, patternType);
                case "ACTION", "A" -> CellExpectation.of(false, snippet, null);
                case "PRIORITY", "P", "SALIENCE" -> CellExpectation.NUMBER;
                default -> CellExpectation.TEXT;
            };
            columns.add(new Column(c, type, cell(grid, top + 4, c), expectation, condition ? patternType : null));
        }
        return columns;
    }

    private static Optional<String> check(Column column, String value) {
        return switch (column.expectation()) {
            case CONSTRAINT -> constraint(column, value);
            case CONSEQUENCE -> consequence(value);
            case TEXT -> value.contains("\"") || value.contains("\\") || value.contains("\n") || value.contains("\r")
                    ? Optional.of("only plain text is allowed here (no quotes, backslashes or line breaks), found " + found(value))
                    : Optional.empty();
            // a PRIORITY takes the whole cell: '2,000' (a whole number shown with a thousands separator) is not a number
            case NUMBER -> (isPriority(column) ? List.of(value.strip()) : pieces(value)).stream().allMatch(TableCellCheck::isNumber)
                    ? Optional.empty()
                    : Optional.of("only a number is allowed here, found " + found(value));
            case VALUE -> pieces(value).stream().allMatch(TableCellCheck::isLiteral) ? Optional.empty()
                    : Optional.of("only a value (a number, true/false or text in quotes) is allowed here, found " + found(value));
        };
    }

    private static boolean isPriority(Column column) {
        return column.type().equals("PRIORITY") || column.type().equals("P") || column.type().equals("SALIENCE");
    }

    private static Optional<String> constraint(Column column, String value) {
        String lexical = Lexical.check(value, false);
        if (lexical != null) {
            return Optional.of(lexical);
        }
        List<String> refusals = new ArrayList<>();
        try {
            DrlxExpression expression = DrlxParser.parseExpression(DRLX, StringLiterals.doubleQuoted(value));
            if (expression.getBind() != null) {
                refusals.add("bindings are not allowed in a table cell");
            }
            new ExpressionCheck(column.patternType(), new Scope(), refusals).check(expression.getExpr());
        } catch (RuntimeException e) {
            return Optional.of("only a condition such as summaryLength >= 40 or customerTier == 'enterprise' is allowed here, found "
                    + found(value));
        }
        return refusals.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", refusals));
    }

    private static Optional<String> consequence(String value) {
        List<ConsequenceCheck.Finding> findings = new ConsequenceCheck().check(value, new Scope());
        return findings.isEmpty() ? Optional.empty()
                : Optional.of(String.join("; ", findings.stream().map(ConsequenceCheck.Finding::message).toList()));
    }

    /** Drools fills {@code $1, $2} from the cell split at commas; a single {@code $param} takes the whole cell. */
    private static List<String> pieces(String value) {
        return List.of(value.split(",", -1)).stream().map(String::strip).toList();
    }

    private static boolean isNumber(String piece) {
        Expression literal = literal(piece);
        return literal instanceof IntegerLiteralExpr || literal instanceof LongLiteralExpr || literal instanceof DoubleLiteralExpr;
    }

    private static boolean isLiteral(String piece) {
        Expression literal = literal(piece);
        return literal instanceof IntegerLiteralExpr || literal instanceof LongLiteralExpr || literal instanceof DoubleLiteralExpr
                || literal instanceof StringLiteralExpr || literal instanceof BooleanLiteralExpr || literal instanceof CharLiteralExpr;
    }

    /** The literal a piece of a cell is, with an optional sign; null when it is anything else. */
    private static Expression literal(String piece) {
        try {
            Expression parsed = StaticJavaParser.parseExpression(StringLiterals.doubleQuoted(piece));
            if (parsed instanceof UnaryExpr unary && (unary.getOperator() == UnaryExpr.Operator.MINUS
                    || unary.getOperator() == UnaryExpr.Operator.PLUS)) {
                parsed = unary.getExpression();
            }
            return parsed.isLiteralExpr() ? parsed : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String found(String value) {
        String mentioned = "";
        try {
            mentioned = Describe.mentioning(StaticJavaParser.parseExpression(StringLiterals.doubleQuoted(value)));
        } catch (RuntimeException e) {
            // not even an expression: show the text
        }
        String flat = value.replaceAll("\\s+", " ").strip();
        String shown = Shortened.to(flat, 80, "...");
        return (mentioned.isEmpty() ? "" : "an expression" + mentioned.replace(" using ", " calling ") + ": ") + "'" + shown + "'";
    }

    /** 0 -> A, 25 -> Z, 26 -> AA. */
    public static String letters(int column) {
        StringBuilder text = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            text.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return text.toString();
    }

    private static String cell(List<List<String>> grid, int row, int column) {
        if (row < 0 || row >= grid.size() || column >= grid.get(row).size()) {
            return "";
        }
        return grid.get(row).get(column).strip();
    }
}
