package io.handoff.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Checks on table rows that Drools does not make: numeric bands ({@code x >= $param} / {@code x < $param}
 * column pairs) that overlap or leave a gap between rows with the same other conditions, and rows that can
 * never fire because an earlier row of the same activation group has exactly the same conditions.
 * Reported as warnings with file, sheet and row.
 */
final class TableRowChecks {
    private static final DataFormatter FORMAT = new DataFormatter();
    private static final Pattern LOWER = Pattern.compile("^\\s*(\\w+)\\s*>=\\s*\\$param\\s*$");
    private static final Pattern UPPER = Pattern.compile("^\\s*(\\w+)\\s*<\\s*\\$param\\s*$");

    private record DataRow(int row, String id, List<String> conditions, String group, double from, double below) {
    }

    /** Adds the warnings for one worksheet of a table (the translator calls it on the workbook it has open). */
    void checkSheet(String file, Sheet sheet, List<CompileProblem> problems) {
        int header = -1;
        for (Row row : sheet) {
            if (text(row, 0).startsWith("RuleTable")) {
                header = row.getRowNum();
                break;
            }
        }
        if (header < 0) {
            return;
        }
        Row types = sheet.getRow(header + 1);
        Row snippets = sheet.getRow(header + 3);
        if (types == null || snippets == null) {
            return;
        }
        List<Integer> conditions = new ArrayList<>();
        int lower = -1;
        int upper = -1;
        int group = -1;
        int name = -1;
        for (int c = 0; c < types.getLastCellNum(); c++) {
            String type = text(types, c);
            if (type.equals("CONDITION")) {
                String snippet = text(snippets, c);
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
        for (int r = header + 5; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null || text(row, 0).isEmpty() && text(row, Math.max(0, name)).isEmpty()) {
                break;
            }
            List<String> values = new ArrayList<>();
            for (int c : conditions) {
                values.add(text(row, c));
            }
            rows.add(new DataRow(r + 1, name >= 0 ? text(row, name) : "row " + (r + 1), values,
                    group >= 0 ? text(row, group) : null, number(row, lower), number(row, upper)));
        }
        neverFiring(file, sheet.getSheetName(), rows, lower, upper, problems);
        if (lower >= 0 && upper >= 0) {
            bands(file, sheet.getSheetName(), rows, problems);
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

    private static void bands(String file, String sheet, List<DataRow> rows, List<CompileProblem> problems) {
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
                    problems.add(CompileProblem.warning("band-overlap", RuleLocation.ofTableRow(file, sheet, row.row()),
                            row.id() + " overlaps " + previous.id() + " (row " + previous.row() + ") on " + fmt(row.from())
                                    + ".." + fmt(Math.min(previous.below(), row.below()))));
                } else if (row.from() > previous.below()) {
                    problems.add(CompileProblem.warning("band-gap", RuleLocation.ofTableRow(file, sheet, row.row()),
                            "no row covers " + fmt(previous.below()) + ".." + fmt(row.from()) + " between " + previous.id()
                                    + " (row " + previous.row() + ") and " + row.id()));
                }
            }
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static double number(Row row, int column) {
        if (column < 0) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text(row, column));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String text(Row row, int column) {
        Cell cell = row == null ? null : row.getCell(column);
        return cell == null ? "" : FORMAT.formatCellValue(cell).strip();
    }
}
