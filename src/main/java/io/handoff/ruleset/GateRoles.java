package io.handoff.ruleset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.DrlParser;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.BlockStmt;

import io.handoff.engine.SheetGrid;
import io.handoff.engine.SourceFile;

/**
 * Every approver role a ruleset can require, with where it is written: each gate row of a table whose action inserts an
 * {@code ApprovalGate} (the role cell, by file, sheet, row and column) and each {@code new ApprovalGate("id", "role")}
 * of a DRL file (by line). A role no approver in the directory holds would turn every contract that meets the gate into
 * a refused decision, so it is refused before the ruleset reaches traffic.
 */
public final class GateRoles {
    private static final Pattern GATE = Pattern.compile("new\\s+ApprovalGate\\s*\\(\\s*\"([^\"]*)\"\\s*,\\s*\"([^\"]*)\"");
    private static final Pattern PARAM = Pattern.compile("\\$(\\d+)");

    /** A role one gate requires: the gate id, and where the role is written, in the analyst's coordinates. */
    public record Required(String role, String gateId, String where) {
    }

    private GateRoles() {
    }

    public static List<Required> of(Collection<SourceFile> sources) {
        List<Required> required = new ArrayList<>();
        for (SourceFile source : sources) {
            if (source.isDrl()) {
                fromDrl(source, required);
            } else if (source.path().endsWith(".xlsx")) {
                fromTable(source, required);
            }
        }
        return required;
    }

    /** One error per gate whose role is empty or held by no approver of {@code directoryRoles}; empty when all are covered. */
    public static List<String> uncovered(Collection<SourceFile> sources, Set<String> directoryRoles) {
        List<String> problems = new ArrayList<>();
        for (Required gate : of(sources)) {
            if (gate.role() == null || gate.role().isBlank()) {
                problems.add(gate.where() + ": gate '" + gate.gateId() + "' names no approver role");
            } else if (!directoryRoles.contains(gate.role())) {
                problems.add(gate.where() + ": gate '" + gate.gateId() + "' requires role '" + gate.role()
                        + "', which no approver in the directory holds (handoff.orchestration.approvers.*; roles held: "
                        + new java.util.TreeSet<>(directoryRoles) + ")");
            }
        }
        return problems;
    }

    /**
     * The gates of a DRL file read from what Drools compiles: each rule's consequence, parsed as Java, every
     * {@code new ApprovalGate(id, role)} in it, however it is spread over lines or commented. A role that is not a
     * string literal cannot be checked against the directory and is reported as naming no role. A file that does not
     * parse is the compiler's error to report.
     */
    private static void fromDrl(SourceFile source, List<Required> required) {
        DrlParser drl = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = drl.parse(false, new String(source.content(), StandardCharsets.UTF_8));
        } catch (DroolsParserException | RuntimeException e) {
            return;
        }
        if (pkg == null || drl.hasErrors()) {
            return;
        }
        JavaParser java = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17).setPreprocessUnicodeEscapes(true));
        for (RuleDescr rule : pkg.getRules()) {
            if (!(rule.getConsequence() instanceof String consequence)) {
                continue;
            }
            ParseResult<BlockStmt> block = java.parseBlock("{" + consequence + "\n}");
            if (block.getResult().isEmpty()) {
                continue;
            }
            for (ObjectCreationExpr gate : block.getResult().get().findAll(ObjectCreationExpr.class,
                    created -> created.getType().getNameAsString().equals("ApprovalGate"))) {
                int offset = gate.getBegin().map(position -> position.line).orElse(1);
                int line = rule.getConsequenceLine() > 0 ? rule.getConsequenceLine() + offset : rule.getLine();
                String id = gate.getArguments().size() > 0 ? literal(gate.getArguments().get(0)) : null;
                String role = gate.getArguments().size() > 1 ? literal(gate.getArguments().get(1)) : null;
                required.add(new Required(role, id == null ? rule.getName() : id, source.path() + ", line " + line));
            }
        }
    }

    private static String literal(Expression argument) {
        return argument instanceof StringLiteralExpr text ? text.asString() : null;
    }

    private static void fromTable(SourceFile source, List<Required> required) {
        Map<String, SheetGrid> sheets;
        try {
            sheets = SheetGrid.read(source.content());
        } catch (IOException | RuntimeException e) {
            return; // an unreadable workbook is the compiler's error to report
        }
        sheets.forEach((sheet, cells) -> {
            List<List<String>> grid = cells.texts();
            for (int r = 0; r < grid.size(); r++) {
                List<String> row = grid.get(r);
                for (int c = 0; c < row.size(); c++) {
                    Matcher template = GATE.matcher(row.get(c));
                    if (template.find()) {
                        rows(source.path(), sheet, grid, r, c, template.group(1), template.group(2), required);
                    }
                }
            }
        });
    }

    /** The data rows under a gate action's template row {@code r} (the row after it holds the column labels). */
    private static void rows(String file, String sheet, List<List<String>> grid, int r, int c, String idArg, String roleArg,
                             List<Required> required) {
        String label = cell(grid, r + 1, c);
        for (int d = r + 2; d < grid.size(); d++) {
            if (grid.get(d).stream().anyMatch(text -> text.strip().startsWith("RuleTable"))) {
                return; // the next table of the sheet
            }
            String value = cell(grid, d, c);
            if (value.isBlank()) {
                continue;
            }
            String[] parts = value.split(",", -1);
            String where = file + ", sheet " + sheet + ", row " + (d + 1) + ", column " + column(c)
                    + (label.isBlank() ? "" : " (" + label + ")");
            required.add(new Required(resolve(roleArg, value, parts), resolve(idArg, value, parts), where));
        }
    }

    private static String resolve(String argument, String cell, String[] parts) {
        if (argument.equals("$param")) {
            return cell.strip();
        }
        Matcher param = PARAM.matcher(argument);
        if (param.matches()) {
            int index = Integer.parseInt(param.group(1)) - 1;
            return index < parts.length ? parts[index].strip() : null;
        }
        return argument.contains("$") ? null : argument;
    }

    private static String cell(List<List<String>> grid, int r, int c) {
        if (r >= grid.size() || c >= grid.get(r).size()) {
            return "";
        }
        String text = grid.get(r).get(c);
        return text == null ? "" : text;
    }

    static String column(int index) {
        StringBuilder letters = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            letters.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return letters.toString();
    }
}
