package io.handoff.engine;

import io.handoff.text.Surrogates;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Errors in how a table is laid out that Drools compiles in silence or in its own words: hidden rows and columns
 * (compiled, but not what a reviewer sees), columns the header block does not define (Drools ignores their values),
 * formulas where a value is expected (Drools compiles a result nobody typed), merged cells in data rows, rows without
 * a rule id or with one used twice, and gate rows without a gate id or an approver role. Each names the cell.
 */
final class TableLayoutChecks {
    /** The column types Drools knows, long and short; anything else in the type row is an unknown column. */
    private static final Set<String> TYPES = Set.of("NAME", "N", "CONDITION", "C", "ACTION", "A", "PRIORITY", "P",
            "SALIENCE", "ACTIVATION-GROUP", "X", "AGENDA-GROUP", "G", "NO-LOOP", "U", "DURATION", "D", "TIMER", "T",
            "ENABLED", "B", "CALENDARS", "E", "LOCK-ON-ACTIVE", "L", "AUTO-FOCUS", "F", "RULEFLOW-GROUP", "R",
            "DATE-EFFECTIVE", "V", "DATE-EXPIRES", "Z", "METADATA", "@", "DESCRIPTION", "I");

    void check(String file, TableHeader table, List<CompileProblem> problems) {
        SheetGrid grid = table.grid();
        if (grid.hidden()) {
            problems.add(CompileProblem.error("hidden-sheet", table.cell(file, table.top(), table.left()), "worksheet "
                    + grid.name() + " is hidden but its table is compiled like any other: unhide the sheet, or delete it"));
        }
        hiddenRows(file, table, problems);
        columns(file, table, problems);
        for (int r = table.top(); r < table.end(); r++) {
            for (int c = table.left(); c < table.width(); c++) {
                SheetGrid.Cell cell = grid.cell(r, c);
                if (cell.value() != null && Surrogates.unpaired(cell.value())) {
                    // Excel's escape _xD800_ reads as half a surrogate pair: text with no UTF-8 form, which every decision
                    // firing the row would record (and the export of that record would no longer verify offline)
                    problems.add(CompileProblem.error("unpaired-surrogate", table.cell(file, r, c), "the cell holds half a"
                            + " UTF-16 surrogate pair (Excel's _xD800_ escape, say), which is not Unicode text: retype the cell"));
                }
                if (r < table.firstDataRow()) {
                    continue;
                }
                if (cell.isFormula()) {
                    problems.add(CompileProblem.error("formula-in-table", table.cell(file, r, c), "a formula (=" + cell.formula()
                            + ") where a value is expected: Drools compiles its result '" + cell.value() + "', which the sheet"
                            + " does not show; type the value itself"));
                }
            }
        }
        mergedCells(file, table, problems);
        ruleIds(file, table, problems);
        gates(file, table, problems);
    }

    private static void hiddenRows(String file, TableHeader table, List<CompileProblem> problems) {
        SheetGrid grid = table.grid();
        for (int r = table.top(); r < table.end(); r++) {
            if (grid.rowHidden(r)) {
                int at = table.nameColumn() >= 0 ? table.nameColumn() : table.left();
                problems.add(CompileProblem.error("hidden-row", table.cell(file, r, at), r >= table.firstDataRow()
                        ? "row " + (r + 1) + " (" + table.ruleId(r) + ") is hidden but is compiled like any other row: unhide it, or delete it"
                        : "row " + (r + 1) + " of the table's header is hidden: unhide it"));
            }
        }
    }

    private static void columns(String file, TableHeader table, List<CompileProblem> problems) {
        SheetGrid grid = table.grid();
        int widest = table.width();
        for (int r = table.top() + 4; r < table.end(); r++) {
            widest = Math.max(widest, grid.width(r));
        }
        for (int c = table.left(); c < widest; c++) {
            int used = firstValue(table, c);
            String type = table.type(c);
            if (type.isEmpty() && used >= 0) {
                problems.add(CompileProblem.error("unknown-column", table.cell(file, used, c), "column " + SheetGrid.letters(c)
                        + " is not part of the table (its type cell " + SheetGrid.letters(c) + (table.top() + 2)
                        + " is empty), so Drools ignores its values: give it a type such as CONDITION or ACTION, or move it out of the table"));
            } else if (!type.isEmpty() && !TYPES.contains(type)) {
                problems.add(CompileProblem.error("unknown-column", table.cell(file, table.top() + 1, c), "'" + grid.text(table.top() + 1, c)
                        + "' is not a column type: use NAME, CONDITION, ACTION, PRIORITY, ACTIVATION-GROUP or METADATA"));
            }
            if (grid.columnHidden(c) && (used >= 0 || !type.isEmpty())) {
                problems.add(CompileProblem.error("hidden-column", table.cell(file, used >= 0 ? used : table.top() + 1, c),
                        "column " + SheetGrid.letters(c) + " is hidden but holds rule data that is compiled: unhide it, or delete it"));
            }
        }
    }

    private static int firstValue(TableHeader table, int column) {
        for (int r = table.firstDataRow(); r < table.end(); r++) {
            if (!table.grid().text(r, column).isEmpty()) {
                return r;
            }
        }
        return -1;
    }

    private static void mergedCells(String file, TableHeader table, List<CompileProblem> problems) {
        for (SheetGrid.Region region : table.grid().merged()) {
            if (region.lastRow() >= table.firstDataRow() && region.firstRow() < table.end()) {
                int row = Math.max(region.firstRow(), table.firstDataRow());
                problems.add(CompileProblem.error("merged-cells", table.cell(file, row, region.firstColumn()), "cells "
                        + region.describe() + " are merged: Drools copies the first cell's value into every merged cell of a"
                        + " rule row; unmerge them and type each value"));
            }
        }
    }

    private static void ruleIds(String file, TableHeader table, List<CompileProblem> problems) {
        int name = table.nameColumn();
        if (name < 0) {
            problems.add(CompileProblem.error("missing-rule-id", RuleLocation.ofTableRow(file, table.grid().name(), table.top() + 2),
                    "the table has no NAME column: every row needs a stable rule id like SCORE-CS-010"));
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int r = table.firstDataRow(); r < table.end(); r++) {
            String id = table.grid().text(r, name);
            if (id.isEmpty()) {
                problems.add(CompileProblem.error("missing-rule-id", table.cell(file, r, name), "the row has no rule id: give it a"
                        + " new stable id like " + example(table) + " (never reuse or renumber one)"));
                continue;
            }
            if (id.chars().anyMatch(ch -> ch != ' ' && (Character.isSpaceChar(ch) || Character.getType(ch) == Character.FORMAT))) {
                problems.add(CompileProblem.error("invisible-character", table.cell(file, r, name), "the rule id '" + id.strip()
                        + "' holds a non-breaking or invisible space a reader cannot see: retype it"));
            }
            Integer earlier = seen.putIfAbsent(RulesetCompiler.idKey(id), r);
            if (earlier != null) {
                problems.add(CompileProblem.error("duplicate-rule-id", table.cell(file, r, name), "rule id " + id
                        + " is already used in row " + (earlier + 1) + (id.equals(table.grid().text(earlier, name)) ? ""
                        : " (the two differ only in case or invisible spaces)") + ": give this row a new id"));
            }
        }
    }

    private static String example(TableHeader table) {
        for (int r = table.firstDataRow(); r < table.end(); r++) {
            String id = table.grid().text(r, table.nameColumn());
            if (RulesetCompiler.STABLE_ID.matcher(id).matches()) {
                return id.replaceAll("\\d+$", "") + "999";
            }
        }
        return "SCORE-CS-010";
    }

    /** A gate row must name its gate and the role that approves it; without either the gate cannot be passed. */
    private static void gates(String file, TableHeader table, List<CompileProblem> problems) {
        for (int c = table.left(); c < table.width(); c++) {
            if (!table.type(c).startsWith("A") || !table.snippet(c).contains("ApprovalGate(")) {
                continue;
            }
            for (int r = table.firstDataRow(); r < table.end(); r++) {
                String value = table.grid().text(r, c);
                String[] pieces = value.split(",", -1);
                String missing = value.isEmpty() ? "the gate id and the approver role are missing"
                        : pieces.length == 2 && pieces[0].isBlank() ? "the gate id is missing"
                        : pieces.length == 2 && pieces[1].isBlank() ? "the approver role is missing" : null;
                if (missing != null) {
                    problems.add(CompileProblem.error("incomplete-gate", table.cell(file, r, c), "every gate row needs a gate id"
                            + " and an approver role, e.g. 'budget, budget-owner': " + missing));
                }
            }
        }
    }
}
