package io.handoff.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

import io.handoff.engine.verify.CellRefusal;
import io.handoff.engine.verify.TableCellCheck;

/**
 * Turns every worksheet of a decision table into DRL with Drools' {@link SpreadsheetCompiler}. Every sheet
 * that holds a {@code RuleTable} is compiled (Drools alone compiles only the first), a sheet without one is
 * reported as not compiled, and a table that yields no rule at all is an error.
 */
final class DecisionTableTranslator {
    /** Drools writes this comment before each generated rule: {@code // rule values at A15, header at A6}. */
    private static final Pattern ROW_COMMENT = Pattern.compile("^\\s*//\\s*rule values at [A-Z]+(\\d+)");
    private static final Pattern RULE_NAME = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");

    record Result(List<TableTranslation> sheets, List<CompileProblem> problems) {
    }

    private final TableRowChecks rowChecks = new TableRowChecks();
    private final TableCellCheck cellCheck = new TableCellCheck();
    private final long maxPartBytes;

    DecisionTableTranslator(long maxPartBytes) {
        this.maxPartBytes = maxPartBytes;
    }

    Result translate(SourceFile source) {
        if (source.path().endsWith(".ods")) {
            return new Result(List.of(), List.of(CompileProblem.error("unsupported-format", new RuleLocation(source.path(), null, null, null),
                    "an OpenDocument spreadsheet (.ods) cannot be compiled: save it as Excel 2007-365 (.xlsx)")));
        }
        List<TableTranslation> sheets = new ArrayList<>();
        List<CompileProblem> problems = new ArrayList<>();
        java.util.Optional<CompileProblem> tooLarge = WorkbookParts.check(source, maxPartBytes);
        if (tooLarge.isPresent()) {
            return new Result(List.of(), List.of(tooLarge.get()));
        }
        if (source.path().endsWith(".csv")) {
            translateSheet(source, null, problems).ifPresent(sheets::add);
        } else {
            for (String sheet : sheetsWithRuleTables(source, problems)) {
                translateSheet(source, sheet, problems).ifPresent(sheets::add);
            }
        }
        boolean noRules = sheets.stream().allMatch(s -> s.rules().isEmpty());
        if (noRules && problems.stream().noneMatch(CompileProblem::isError)) {
            problems.add(CompileProblem.error("table-without-rules", new RuleLocation(source.path(), null, null, null),
                    "the table produced no rules: no worksheet has a RuleTable with data rows"));
        }
        return new Result(sheets, problems);
    }

    private List<String> sheetsWithRuleTables(SourceFile source, List<CompileProblem> problems) {
        List<String> names = new ArrayList<>();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(source.content()))) {
            for (Sheet sheet : workbook) {
                if (hasRuleTable(sheet)) {
                    names.add(sheet.getSheetName());
                    List<List<String>> grid = SheetGrid.of(sheet); // read once for both checks
                    rowChecks.checkSheet(source.path(), sheet.getSheetName(), grid, problems);
                    for (CellRefusal refusal : cellCheck.check(grid)) {
                        problems.add(CompileProblem.error("not-allowed", RuleLocation.ofCell(source.path(), sheet.getSheetName(),
                                refusal.row(), refusal.describeColumn().substring("column ".length())), refusal.message()));
                    }
                } else {
                    problems.add(CompileProblem.warning("sheet-not-compiled",
                            new RuleLocation(source.path(), sheet.getSheetName(), null, null),
                            "worksheet has no RuleTable and is not compiled"));
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(CompileProblem.error("unreadable-table", new RuleLocation(source.path(), null, null, null),
                    "cannot read the workbook: " + e.getMessage()));
        }
        return names;
    }

    private static boolean hasRuleTable(Sheet sheet) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                        && cell.getStringCellValue().strip().startsWith("RuleTable")) {
                    return true;
                }
            }
        }
        return false;
    }

    private java.util.Optional<TableTranslation> translateSheet(SourceFile source, String sheet, List<CompileProblem> problems) {
        String drl;
        try {
            SpreadsheetCompiler compiler = new SpreadsheetCompiler();
            drl = sheet == null
                    ? compiler.compile(new ByteArrayInputStream(source.content()), InputType.CSV)
                    : compiler.compile(new ByteArrayInputStream(source.content()), sheet);
        } catch (RuntimeException e) {
            problems.add(CompileProblem.error("table-parse-error", new RuleLocation(source.path(), sheet, rowIn(e), null),
                    rootMessage(e)));
            return java.util.Optional.empty();
        }
        Map<String, RuleLocation> rules = new LinkedHashMap<>();
        TreeMap<Integer, Integer> rowByFirstLine = new TreeMap<>();
        String[] lines = drl.split("\n", -1);
        Integer pendingRow = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher comment = ROW_COMMENT.matcher(lines[i]);
            if (comment.find()) {
                pendingRow = Integer.valueOf(comment.group(1));
                rowByFirstLine.put(i + 1, pendingRow);
                continue;
            }
            Matcher rule = RULE_NAME.matcher(lines[i]);
            if (rule.find() && pendingRow != null) {
                RuleLocation location = RuleLocation.ofTableRow(source.path(), sheet, pendingRow);
                RuleLocation earlier = rules.putIfAbsent(rule.group(1), location);
                if (earlier != null) {
                    problems.add(CompileProblem.error("duplicate-rule-id", location,
                            "rule id " + rule.group(1) + " is also used at " + earlier.describe()));
                }
                pendingRow = null;
            }
        }
        return java.util.Optional.of(new TableTranslation(source.path(), sheet, drl, rules, rowByFirstLine));
    }

    private static final Pattern ROW_IN_MESSAGE = Pattern.compile("(?i)row\\s*[:=]?\\s*(\\d+)|\\[(\\d+),\\s*\\d+]");

    /** Drools' parse errors name a row in several styles; take the first, 1-based when it is a [row,col] pair. */
    private static Integer rowIn(Throwable e) {
        Matcher matcher = ROW_IN_MESSAGE.matcher(rootMessage(e));
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(1) != null ? Integer.valueOf(matcher.group(1)) : Integer.parseInt(matcher.group(2)) + 1;
    }

    static String rootMessage(Throwable e) {
        Throwable cause = e;
        StringBuilder text = new StringBuilder();
        while (cause != null) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(text.length() == 0 ? "" : ": ").append(cause.getMessage());
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
    }
}
