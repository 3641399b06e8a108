package io.handoff.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * Checks on table rows that Drools does not make. Errors: a row below a blank row (Drools ends the table at the
 * first blank row and silently drops the rest), a cell with fewer or more comma-separated values than its
 * column's {@code $1, $2} snippet takes, and numeric bands ({@code x >= $param} / {@code x < $param} column
 * pairs) that leave a gap or overlap between rows with the same other conditions (a contract in the gap gets no
 * decision; one in the overlap gets the band of whichever row fires first). Warnings: rows that can never fire because an earlier row of the same activation group
 * has exactly the same conditions. Cells are read as {@link SheetGrid} reads them: formulas by their value.
 */
final class TableRowChecks {
    private static final Pattern LOWER = Pattern.compile("^\\s*(\\w+)\\s*>=\\s*\\$param\\s*$");
    private static final Pattern UPPER = Pattern.compile("^\\s*(\\w+)\\s*<\\s*\\$param\\s*$");

    private record DataRow(int row, String id, List<String> conditions, String group, double from, double below) {
    }

    /** Adds the warnings for one worksheet of a table (the translator calls it on the workbook it has open). */
    void checkSheet(String file, String sheetName, List<List<String>> grid, List<CompileProblem> problems) {
        int header = -1;
        for (int r = 0; r < grid.size() && header < 0; r++) { // the table may start in any column, as Drools reads it
            for (int c = 0; c < grid.get(r).size() && header < 0; c++) {
                if (text(grid, r, c).startsWith("RuleTable")) {
                    header = r;
                }
            }
        }
        if (header < 0 || header + 3 >= grid.size()) {
            return;
        }
        List<String> types = grid.get(header + 1);
        List<String> snippets = grid.get(header + 3);
        List<Integer> conditions = new ArrayList<>();
        int lower = -1;
        int upper = -1;
        int group = -1;
        int name = -1;
        for (int c = 0; c < types.size(); c++) {
            String type = types.get(c).strip();
            if (type.equals("CONDITION")) {
                String snippet = c < snippets.size() ? snippets.get(c).strip() : "";
                Matcher lo = LOWER.matcher(snippet);
                Matcher up = UPPER.matcher(snippet);
                if (lo.matches() && lower < 0) {
                    lower = c;
                } else if (up.matches() && upper < 0) {
                    upper = c;
                } else {
                    conditions.add(c);
                }
            } else if (type.equals("ACTIVATION-GROUP")) {
                group = c;
            } else if (type.equals("NAME")) {
                name = c;
            }
        }
        List<DataRow> rows = new ArrayList<>();
        int width = types.size();
        int r = header + 5;
        for (; r < grid.size() && !blank(grid, r, width); r++) {
            List<String> values = new ArrayList<>();
            for (int c : conditions) {
                values.add(text(grid, r, c));
            }
            rows.add(new DataRow(r + 1, name >= 0 ? text(grid, r, name) : "row " + (r + 1), values,
                    group >= 0 ? text(grid, r, group) : null, number(grid, r, lower), number(grid, r, upper)));
            valueCounts(file, sheetName, grid, r, header, problems);
        }
        for (int after = r + 1; after < grid.size(); after++) {
            if (!blank(grid, after, width)) {
                problems.add(CompileProblem.error("row-after-blank-row", RuleLocation.ofCell(file, sheetName, after + 1, firstFilled(grid, after, width, header)),
                        "row " + (after + 1) + " holds data but row " + (r + 1) + " above it is blank: Drools ends the table at its"
                                + " first blank row, so this row and every row below it would not be compiled; delete the blank row"));
                break;
            }
        }
        neverFiring(file, sheetName, rows, lower, upper, problems);
        if (lower >= 0 && upper >= 0) {
            String label = text(grid, header + 4, lower);
            bands(file, sheetName, rows, SheetGrid.letters(lower) + (label.isEmpty() ? "" : " (" + label + ")"), problems);
        }
    }

    private static void neverFiring(String file, String sheet, List<DataRow> rows, int lower, int upper,
                                    List<CompileProblem> problems) {
        Map<String, DataRow> seen = new HashMap<>();
        for (DataRow row : rows) {
            String key = row.group() + "|" + row.conditions() + "|" + (lower >= 0 ? row.from() : "") + "|" + (upper >= 0 ? row.below() : "");
            DataRow earlier = seen.putIfAbsent(key, row);
            if (earlier != null) {
                problems.add(CompileProblem.warning(row.group() == null ? "duplicate-conditions" : "row-never-fires",
                        RuleLocation.ofTableRow(file, sheet, row.row()), row.group() == null
                                ? row.id() + " has the same conditions as " + earlier.id() + " (row " + earlier.row() + "): both always fire together"
                                : row.id() + " can never fire: " + earlier.id() + " (row " + earlier.row()
                                + ") in activation group " + row.group() + " has exactly the same conditions"));
            }
        }
    }

    private static void bands(String file, String sheet, List<DataRow> rows, String fromColumn, List<CompileProblem> problems) {
        Map<String, List<DataRow>> byConditions = new LinkedHashMap<>();
        for (DataRow row : rows) {
            if (!Double.isNaN(row.from()) && !Double.isNaN(row.below())) {
                byConditions.computeIfAbsent(row.conditions().toString(), k -> new ArrayList<>()).add(row);
            }
        }
        for (List<DataRow> band : byConditions.values()) {
            band.sort(Comparator.comparingDouble(DataRow::from));
            for (int i = 1; i < band.size(); i++) {
                DataRow previous = band.get(i - 1);
                DataRow row = band.get(i);
                if (row.from() < previous.below()) {
                    problems.add(CompileProblem.error("band-overlap", RuleLocation.ofCell(file, sheet, row.row(), fromColumn),
                            "a score in " + fmt(row.from()) + ".." + fmt(Math.min(previous.below(), row.below())) + " falls in two bands: "
                                    + row.id() + " overlaps " + previous.id() + " (row " + previous.row() + ")"));
                } else if (row.from() > previous.below()) {
                    problems.add(CompileProblem.error("band-gap", RuleLocation.ofCell(file, sheet, row.row(), fromColumn),
                            "a contract in the gap would get no decision: no row covers " + fmt(previous.below()) + ".." + fmt(row.from()) + " between " + previous.id()
                                    + " (row " + previous.row() + ") and " + row.id()));
                }
            }
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** A cell of a {@code $1, $2} column must hold as many comma-separated values as the snippet takes. */
    private static void valueCounts(String file, String sheet, List<List<String>> grid, int r, int header,
                                    List<CompileProblem> problems) {
        List<String> snippets = grid.get(header + 3);
        for (int c = 0; c < snippets.size(); c++) {
            String snippet = snippets.get(c);
            long parameters = java.util.stream.IntStream.rangeClosed(1, 9).filter(n -> snippet.contains("$" + n)).count();
            String value = text(grid, r, c);
            if (parameters > 1 && !value.isEmpty()) {
                int found = value.split(",", -1).length;
                if (found != parameters) {
                    String header4 = text(grid, header + 4, c);
                    problems.add(CompileProblem.error("wrong-value-count", RuleLocation.ofCell(file, sheet, r + 1,
                            SheetGrid.letters(c) + (header4.isEmpty() ? "" : " (" + header4 + ")")),
                            "this column takes " + parameters + " values separated by commas, found " + found + ": '" + value + "'"));
                }
            }
        }
    }

    /** {@code A (Id)}: the first cell of a row that holds something, with its header. */
    private static String firstFilled(List<List<String>> grid, int r, int width, int header) {
        for (int c = 0; c < width; c++) {
            if (!text(grid, r, c).isEmpty()) {
                String label = text(grid, header + 4, c);
                return SheetGrid.letters(c) + (label.isEmpty() ? "" : " (" + label + ")");
            }
        }
        return "A";
    }

    private static boolean blank(List<List<String>> grid, int r, int width) {
        for (int c = 0; c < width; c++) {
            if (!text(grid, r, c).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static double number(List<List<String>> grid, int r, int column) {
        if (column < 0) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text(grid, r, column));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String text(List<List<String>> grid, int r, int column) {
        if (r < 0 || r >= grid.size() || column < 0 || column >= grid.get(r).size()) {
            return "";
        }
        return grid.get(r).get(column).strip();
    }
}
