package io.handoff.ruleset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.handoff.engine.SheetGrid;

/**
 * A readable cell-level diff of two versions of a decision table, for reviewing binary spreadsheets: rows
 * are matched by their stable id (first column, e.g. SCORE-CS-010) where they have one, else by position. Cells
 * are compared by the values Drools compiles (65.4 is not 65 whatever the display format; a formula by its
 * value), and a renamed sheet is compared with its old self.
 */
public final class TableDiff {

    /**
     * One difference: a sheet, a row label (id or row number), what happened and, for changes, which cells; with the
     * whole row before and after (values as compared, empty for an added or removed row) for a reader that shows it.
     */
    public record Change(String sheet, String row, String kind, List<String> cells, List<String> before, List<String> after) {
        public Change {
            cells = List.copyOf(cells);
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        Change(String sheet, String row, String kind, List<String> cells) {
            this(sheet, row, kind, cells, List.of(), List.of());
        }

        @Override
        public String toString() {
            return "sheet " + sheet + ", " + row + ": " + kind + (cells.isEmpty() ? "" : " " + String.join("; ", cells));
        }
    }

    /** A change of display formats only: the values Drools compiles are the same. */
    public static final String FORMATTING = "formatting changed";

    /**
     * Every difference between two versions of a table. Identical files, and a re-save that leaves every value and
     * display format as it was, have none; when only display formats changed, each such row is a
     * {@link #FORMATTING} change (the values compiled are equal).
     */
    public static List<Change> diff(Path before, Path after) throws IOException {
        return diff(Files.readAllBytes(before), Files.readAllBytes(after));
    }

    /** As {@link #diff(Path, Path)}, on the workbooks' bytes (two archived versions of one table, say). */
    public static List<Change> diff(byte[] bytesBefore, byte[] bytesAfter) throws IOException {
        if (java.util.Arrays.equals(bytesBefore, bytesAfter)) {
            return List.of();
        }
        Map<String, Map<String, Line>> a = read(bytesBefore);
        Map<String, Map<String, Line>> b = read(bytesAfter);
        List<Change> changes = new ArrayList<>();
        Set<String> sheets = new LinkedHashSet<>(a.keySet());
        sheets.addAll(b.keySet());
        Map<String, String> renamedTo = renamed(a, b);
        for (String sheet : sheets) {
            String target = renamedTo.getOrDefault(sheet, sheet);
            if (renamedTo.containsValue(sheet)) {
                continue; // reported under its old name
            }
            if (!a.containsKey(sheet)) {
                changes.add(new Change(sheet, "(sheet)", "sheet added", List.of()));
                continue;
            }
            if (!b.containsKey(target)) {
                changes.add(new Change(sheet, "(sheet)", "sheet removed", List.of()));
                continue;
            }
            if (!target.equals(sheet)) {
                changes.add(new Change(target, "(sheet)", "sheet renamed from " + sheet, List.of()));
            }
            Set<String> keys = new LinkedHashSet<>(a.get(sheet).keySet());
            keys.addAll(b.get(target).keySet());
            for (String key : keys) {
                Line old = a.get(sheet).get(key);
                Line now = b.get(target).get(key);
                if (old == null) {
                    changes.add(new Change(target, label(key, now), "row added", nonEmpty(now), List.of(), now.cells()));
                } else if (now == null) {
                    changes.add(new Change(sheet, label(key, old), "row removed", nonEmpty(old), old.cells(), List.of()));
                } else {
                    List<String> cells = changedCells(old, now);
                    List<String> formats = changedFormats(old, now);
                    if (!cells.isEmpty()) {
                        changes.add(new Change(target, label(key, now), "row changed", cells, old.cells(), now.cells()));
                    } else if (!formats.isEmpty()) {
                        changes.add(new Change(target, label(key, now), FORMATTING, formats, old.cells(), now.cells()));
                    }
                }
            }
        }
        return changes;
    }

    /** {@code onlyFormatting}: true when there are changes and every one is a change of display format. */
    public static boolean onlyFormatting(List<Change> changes) {
        return !changes.isEmpty() && changes.stream().allMatch(c -> c.kind().equals(FORMATTING));
    }

    /** A row: each cell's value as compared (a number by value, a formula with its result) and its display format. */
    private record Line(int row, List<String> cells, List<String> formats) {
    }

    /**
     * A sheet that is only in the old workbook and one that is only in the new, sharing most row ids, is the same
     * sheet renamed: its rows are compared, so a rename cannot hide a change inside it.
     */
    private static Map<String, String> renamed(Map<String, Map<String, Line>> a, Map<String, Map<String, Line>> b) {
        Map<String, String> renamed = new LinkedHashMap<>();
        for (String gone : a.keySet()) {
            if (b.containsKey(gone)) {
                continue;
            }
            for (String added : b.keySet()) {
                if (a.containsKey(added) || renamed.containsValue(added)) {
                    continue;
                }
                Set<String> ids = new LinkedHashSet<>(a.get(gone).keySet());
                ids.removeIf(id -> id.startsWith("#"));
                long shared = ids.stream().filter(b.get(added)::containsKey).count();
                if (!ids.isEmpty() && shared * 2 > ids.size()) {
                    renamed.put(gone, added);
                    break;
                }
            }
        }
        return renamed;
    }

    private static String label(String key, Line line) {
        return key.startsWith("#") ? "row " + line.row() : key + " (row " + line.row() + ")";
    }

    private static List<String> nonEmpty(Line line) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < line.cells().size(); c++) {
            if (!line.cells().get(c).isEmpty()) {
                cells.add(SheetGrid.letters(c) + "=" + quote(line.cells().get(c)));
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
                cells.add(SheetGrid.letters(c) + ": " + quote(before) + " -> " + quote(after));
            }
        }
        return cells;
    }

    private static List<String> changedFormats(Line old, Line now) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < Math.max(old.formats().size(), now.formats().size()); c++) {
            String before = c < old.formats().size() ? old.formats().get(c) : "General";
            String after = c < now.formats().size() ? now.formats().get(c) : "General";
            if (!before.equals(after) && c < Math.max(old.cells().size(), now.cells().size())) {
                cells.add(SheetGrid.letters(c) + " format: " + quote(before) + " -> " + quote(after) + " (value "
                        + quote(c < now.cells().size() ? now.cells().get(c) : "") + " unchanged)");
            }
        }
        return cells;
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }

    private static Map<String, Map<String, Line>> read(byte[] workbook) throws IOException {
        Map<String, Map<String, Line>> sheets = new LinkedHashMap<>();
        for (SheetGrid grid : SheetGrid.read(workbook).values()) {
            Map<String, Line> rows = new LinkedHashMap<>();
            for (int r = 0; r < grid.rowCount(); r++) {
                List<String> cells = new ArrayList<>();
                List<String> formats = new ArrayList<>();
                for (int c = 0; c < grid.width(r); c++) {
                    SheetGrid.Cell cell = grid.cell(r, c);
                    cells.add(cell.comparable().strip());
                    formats.add(cell.format());
                }
                while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
                    cells.remove(cells.size() - 1);
                }
                if (cells.isEmpty()) {
                    continue;
                }
                String first = cells.get(0);
                String key = first.matches("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+") ? first : "#" + (r + 1);
                rows.put(key, new Line(r + 1, cells, formats.subList(0, Math.min(formats.size(), cells.size()))));
            }
            sheets.put(grid.name(), rows);
        }
        return sheets;
    }

    private TableDiff() {
    }
}
