package io.handoff.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.template.model.DRLOutput;

import io.handoff.engine.verify.CellRefusal;
import io.handoff.engine.verify.TableCellCheck;

/**
 * Turns every worksheet of a decision table into DRL with Drools' own sheet listener, fed from the one reading of
 * the workbook ({@link SheetGrid}) that every check also uses. Every sheet that holds a {@code RuleTable} is checked
 * whole and compiled (Drools alone compiles only the first), a sheet without one is reported as not compiled, and a
 * table that yields no rule at all is an error. {@code .ods} and {@code .xls} are refused with what to do.
 */
final class DecisionTableTranslator {
    /** Drools writes this comment before each generated rule: {@code // rule values at A15, header at A6}. */
    private static final Pattern ROW_COMMENT = Pattern.compile("^\\s*//\\s*rule values at [A-Z]+(\\d+)");
    private static final Pattern RULE_NAME = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");

    record Result(List<TableTranslation> sheets, List<CompileProblem> problems) {
    }

    private final TableRowChecks rowChecks = new TableRowChecks();
    private final TableLayoutChecks layoutChecks = new TableLayoutChecks();
    private final TableCellCheck cellCheck = new TableCellCheck();
    private final ContractValueCheck valueCheck;
    private final long maxPartBytes;

    DecisionTableTranslator(long maxPartBytes, ContractValues values) {
        this.maxPartBytes = maxPartBytes;
        this.valueCheck = new ContractValueCheck(values);
    }

    Result translate(SourceFile source) {
        return translate(source, new WorkbookGrids());
    }

    /** {@link #translate(SourceFile)}, reading the workbook through a compile's {@link WorkbookGrids}. */
    Result translate(SourceFile source, WorkbookGrids workbooks) {
        Optional<CompileProblem> refused = refusedFormat(source);
        if (refused.isEmpty()) {
            refused = WorkbookParts.check(source, maxPartBytes);
        }
        if (refused.isPresent()) {
            return new Result(List.of(), List.of(refused.get()));
        }
        List<TableTranslation> sheets = new ArrayList<>();
        List<CompileProblem> problems = new ArrayList<>();
        if (source.path().endsWith(".csv")) {
            translateCsv(source, problems).ifPresent(sheets::add);
        } else {
            Map<String, SheetGrid> grids = Map.of();
            try {
                grids = workbooks.read(source);
            } catch (IOException | RuntimeException e) {
                problems.add(CompileProblem.error("unreadable-table", new RuleLocation(source.path(), null, null, null),
                        "cannot read the workbook: " + rootMessage(e)));
            }
            for (SheetGrid grid : grids.values()) {
                if (grid.hasRuleTable()) {
                    translateSheet(source.path(), grid, problems).ifPresent(sheets::add);
                } else {
                    problems.add(CompileProblem.warning("sheet-not-compiled", new RuleLocation(source.path(), grid.name(), null, null),
                            "worksheet has no RuleTable and is not compiled"));
                }
            }
        }
        boolean noRules = sheets.stream().allMatch(s -> s.rules().isEmpty());
        if (noRules && problems.stream().noneMatch(CompileProblem::isError)) {
            problems.add(CompileProblem.error("table-without-rules", new RuleLocation(source.path(), null, null, null),
                    "the table produced no rules: no worksheet has a RuleTable with data rows"));
        }
        return new Result(sheets, problems);
    }

    /** OpenDocument and the old binary Excel format are refused with what to do, never skipped or half-read. */
    private static Optional<CompileProblem> refusedFormat(SourceFile source) {
        RuleLocation file = new RuleLocation(source.path(), null, null, null);
        if (source.path().endsWith(".ods")) {
            return Optional.of(CompileProblem.error("unsupported-format", file,
                    "an OpenDocument spreadsheet (.ods) cannot be compiled: save it as Excel 2007-365 (.xlsx)"));
        }
        if (source.path().endsWith(".xls")) {
            return Optional.of(CompileProblem.error("unsupported-format", file,
                    "an Excel 97-2003 workbook (.xls) cannot be compiled: save it as Excel 2007-365 (.xlsx)"));
        }
        if (!source.path().endsWith(".xlsx") && !source.path().endsWith(".csv")) { // .xlsm, .xltx, .XLSX...
            String extension = source.path().substring(source.path().lastIndexOf('.'));
            return Optional.of(CompileProblem.error("unsupported-format", file, "a " + extension + " file is not compiled:"
                    + " save it as Excel Workbook (.xlsx), with the extension in lower case, and remove the " + extension + " file"));
        }
        return Optional.empty();
    }

    /** Every check runs on the whole sheet first, so one problem never hides another; then Drools reads the same cells. */
    private Optional<TableTranslation> translateSheet(String file, SheetGrid grid, List<CompileProblem> problems) {
        List<CompileProblem> found = new ArrayList<>();
        Optional<TableHeader> header = TableHeader.of(grid);
        if (header.isPresent()) {
            layoutChecks.check(file, header.get(), found);
            valueCheck.check(file, header.get(), found);
        }
        rowChecks.checkSheet(file, grid.name(), grid.texts(), found);
        for (CellRefusal refusal : cellCheck.check(grid.texts())) {
            found.add(CompileProblem.error("not-allowed", RuleLocation.ofCell(file, grid.name(), refusal.row(),
                    refusal.describeColumn().substring("column ".length())), refusal.message()));
        }
        problems.addAll(found);
        String drl;
        try {
            drl = drl(grid);
        } catch (RuntimeException e) {
            Integer row = rowIn(e);
            Matcher cell = CELL_IN_MESSAGE.matcher(rootMessage(e));
            String letter = cell.find() ? cell.group(1) : null;
            boolean said = found.stream().anyMatch(p -> p.isError() && (row == null || row.equals(p.location().row())
                    || letter != null && p.location().column() != null && p.location().column().split(" ")[0].equals(letter)));
            if (!said) { // Drools' own words only for what the checks above did not already name
                String column = letter == null ? null : header.map(h -> h.column(columnIndex(letter))).orElse(letter);
                problems.add(CompileProblem.error("table-parse-error", new RuleLocation(file, grid.name(), row, null, column),
                        rootMessage(e)));
            }
            return Optional.empty();
        }
        String idColumn = header.filter(h -> h.nameColumn() >= 0).map(h -> h.column(h.nameColumn())).orElse(null);
        return Optional.of(translation(file, grid.name(), drl, idColumn));
    }

    /** Drools' own sheet listener, fed the cells of the grid exactly as its spreadsheet parser would feed them. */
    private static String drl(SheetGrid grid) {
        DefaultRuleSheetListener listener = new DefaultRuleSheetListener();
        for (int r = 0; r < grid.rowCount(); r++) {
            listener.newRow(r, grid.width(r));
            for (int c = 0; c < grid.width(r); c++) {
                if (grid.present(r, c)) {
                    listener.newCell(r, c, grid.cell(r, c).value(), grid.mergedStart(r, c));
                }
            }
        }
        listener.finishSheet();
        DRLOutput out = new DRLOutput();
        listener.getRuleSet().renderDRL(out);
        return out.getDRL();
    }

    private Optional<TableTranslation> translateCsv(SourceFile source, List<CompileProblem> problems) {
        try {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(source.content()), InputType.CSV);
            return Optional.of(translation(source.path(), null, drl, null));
        } catch (RuntimeException e) {
            problems.add(CompileProblem.error("table-parse-error", new RuleLocation(source.path(), null, rowIn(e), null),
                    rootMessage(e)));
            return Optional.empty();
        }
    }

    private static TableTranslation translation(String file, String sheet, String drl, String idColumn) {
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
                // a second row with the same id is reported by the layout check, with its cell
                rules.putIfAbsent(rule.group(1), RuleLocation.ofTableRow(file, sheet, pendingRow));
                pendingRow = null;
            }
        }
        return new TableTranslation(file, sheet, drl, rules, rowByFirstLine, idColumn);
    }

    private static final Pattern ROW_IN_MESSAGE = Pattern.compile("(?i)row\\s*[:=]?\\s*(\\d+)|\\[(\\d+),\\s*\\d+]|in cell [A-Z]+(\\d+)");

    private static final Pattern CELL_IN_MESSAGE = Pattern.compile("\\bcell ([A-Z]{1,3})(\\d+)\\b");

    private static int columnIndex(String letters) {
        int column = 0;
        for (char c : letters.toCharArray()) {
            column = column * 26 + (c - 'A' + 1);
        }
        return column - 1;
    }

    /** Drools' parse errors name a row in several styles; take the first, 1-based when it is a [row,col] pair. */
    private static Integer rowIn(Throwable e) {
        Matcher matcher = ROW_IN_MESSAGE.matcher(rootMessage(e));
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(1) != null ? Integer.valueOf(matcher.group(1))
                : matcher.group(3) != null ? Integer.valueOf(matcher.group(3)) : Integer.parseInt(matcher.group(2)) + 1;
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
