package io.handoff.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

/**
 * A readable cell-level diff of two versions of a decision table, for reviewing binary spreadsheets: rows
 * are matched by their stable id (first column, e.g. SCORE-CS-010) where they have one, else by position.
 */
public final class TableDiff {
    private static final DataFormatter FORMAT = new DataFormatter();

    /** One difference: a sheet, a row label (id or row number), what happened and, for changes, which cells. */
    public record Change(String sheet, String row, String kind, List<String> cells) {
        @Override
        public String toString() {
            return "sheet " + sheet + ", " + row + ": " + kind + (cells.isEmpty() ? "" : " " + String.join("; ", cells));
        }
    }

    public static List<Change> diff(Path before, Path after) throws IOException {
        Map<String, Map<String, Line>> a = read(before);
        Map<String, Map<String, Line>> b = read(after);
        List<Change> changes = new ArrayList<>();
        Set<String> sheets = new LinkedHashSet<>(a.keySet());
        sheets.addAll(b.keySet());
        for (String sheet : sheets) {
            if (!a.containsKey(sheet)) {
                changes.add(new Change(sheet, "(sheet)", "sheet added", List.of()));
                continue;
            }
            if (!b.containsKey(sheet)) {
                changes.add(new Change(sheet, "(sheet)", "sheet removed", List.of()));
                continue;
            }
            Set<String> keys = new LinkedHashSet<>(a.get(sheet).keySet());
            keys.addAll(b.get(sheet).keySet());
            for (String key : keys) {
                Line old = a.get(sheet).get(key);
                Line now = b.get(sheet).get(key);
                if (old == null) {
                    changes.add(new Change(sheet, label(key, now), "row added", nonEmpty(now)));
                } else if (now == null) {
                    changes.add(new Change(sheet, label(key, old), "row removed", nonEmpty(old)));
                } else {
                    List<String> cells = changedCells(old, now);
                    if (!cells.isEmpty()) {
                        changes.add(new Change(sheet, label(key, now), "row changed", cells));
                    }
                }
            }
        }
        return changes;
    }

    private record Line(int row, List<String> cells) {
    }

    private static String label(String key, Line line) {
        return key.startsWith("#") ? "row " + line.row() : key + " (row " + line.row() + ")";
    }

    private static List<String> nonEmpty(Line line) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < line.cells().size(); c++) {
            if (!line.cells().get(c).isEmpty()) {
                cells.add(CellReference.convertNumToColString(c) + "=" + quote(line.cells().get(c)));
            }
        }
        return cells;
    }

    private static List<String> changedCells(Line old, Line now) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < Math.max(old.cells().size(), now.cells().size()); c++) {
            String before = c < old.cells().size() ? old.cells().get(c) : "";
            String after = c < now.cells().size() ? now.cells().get(c) : "";
            if (!before.equals(after)) {
                cells.add(CellReference.convertNumToColString(c) + ": " + quote(before) + " -> " + quote(after));
            }
        }
        return cells;
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }

    private static Map<String, Map<String, Line>> read(Path file) throws IOException {
        Map<String, Map<String, Line>> sheets = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); Workbook workbook = WorkbookFactory.create(in)) {
            for (Sheet sheet : workbook) {
                Map<String, Line> rows = new LinkedHashMap<>();
                for (Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : FORMAT.formatCellValue(cell).strip());
                    }
                    while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
                        cells.remove(cells.size() - 1);
                    }
                    if (cells.isEmpty()) {
                        continue;
                    }
                    String first = cells.get(0);
                    String key = first.matches("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+") ? first : "#" + (row.getRowNum() + 1);
                    rows.put(key, new Line(row.getRowNum() + 1, cells));
                }
                sheets.put(sheet.getSheetName(), rows);
            }
        }
        return sheets;
    }

    private TableDiff() {
    }
}
