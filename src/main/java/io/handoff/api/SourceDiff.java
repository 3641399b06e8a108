package io.handoff.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.handoff.engine.SheetGrid;
import io.handoff.engine.SourceFile;
import io.handoff.ruleset.TableDiff;

/**
 * A candidate against the active version, file by file, as the console shows it: a workbook by its cells through
 * {@link TableDiff} (the values Drools compiles; renamed sheets followed; formatting-only changes said so), a rule or
 * case file as a plain line diff.
 */
final class SourceDiff {
    /** One cell of a shown row; {@code changed} when it differs from the row's other side. */
    record Cell(String value, boolean changed) {
    }

    /** One row of a sheet's diff: the label (rule id and row), what happened, and the row before and after. */
    record Row(String label, String kind, List<Cell> before, List<Cell> after, List<String> cells) {
    }

    /** The changed rows of one sheet, with the column letters of the widest row shown. */
    record Sheet(String name, List<String> columns, List<Row> rows) {
    }

    /** One line of a text diff: {@code ' '} kept (only around a change), {@code '-'} removed, {@code '+'} added. */
    record Line(char kind, Integer before, Integer after, String text) {
        public String sign() {
            return String.valueOf(kind);
        }
    }

    /** One file that differs: {@code added}, {@code removed} or {@code changed}, as sheets or lines. */
    record File(String path, String kind, boolean table, boolean isCase, boolean onlyFormatting, List<Sheet> sheets,
                List<Line> lines, String note) {
    }

    private static final int CONTEXT = 2;
    private static final int MAX_LINES = 4000;

    private SourceDiff() {
    }

    static List<File> between(List<SourceFile> active, List<SourceFile> candidate) {
        Map<String, SourceFile> a = byPath(active);
        Map<String, SourceFile> b = byPath(candidate);
        List<File> files = new ArrayList<>();
        for (String path : new TreeSet<>(union(a, b))) {
            SourceFile old = a.get(path);
            SourceFile now = b.get(path);
            if (old != null && now != null && Arrays.equals(old.content(), now.content())) {
                continue;
            }
            String kind = old == null ? "added" : now == null ? "removed" : "changed";
            SourceFile any = now == null ? old : now;
            if (any.isTable() && path.endsWith(".xlsx")) {
                files.add(table(path, kind, old, now));
            } else if (any.isTable()) {
                files.add(new File(path, kind, true, false, false, List.of(), text(old, now), null));
            } else {
                files.add(new File(path, kind, false, any.isCase(), false, List.of(), text(old, now), null));
            }
        }
        return files;
    }

    private static File table(String path, String kind, SourceFile old, SourceFile now) {
        if (old == null || now == null) {
            return new File(path, kind, true, false, false, List.of(), List.of(), old == null
                    ? "a new workbook: every row of it is new (the tables page shows it once the version is active)"
                    : "the workbook is gone from the candidate: none of its rows decides any more");
        }
        try {
            List<TableDiff.Change> changes = TableDiff.diff(old.content(), now.content());
            Map<String, List<Row>> sheets = new LinkedHashMap<>();
            Map<String, Integer> widths = new LinkedHashMap<>();
            for (TableDiff.Change change : changes) {
                List<String> before = change.before();
                List<String> after = change.after();
                int width = Math.max(before.size(), after.size());
                sheets.computeIfAbsent(change.sheet(), s -> new ArrayList<>()).add(new Row(change.row(), change.kind(),
                        cells(before, after, width), cells(after, before, width), change.cells()));
                widths.merge(change.sheet(), width, Math::max);
            }
            List<Sheet> shown = new ArrayList<>();
            sheets.forEach((name, rows) -> {
                List<String> columns = new ArrayList<>();
                for (int c = 0; c < widths.get(name); c++) {
                    columns.add(SheetGrid.letters(c));
                }
                shown.add(new Sheet(name, columns, rows));
            });
            return new File(path, kind, true, false, TableDiff.onlyFormatting(changes), shown, List.of(),
                    changes.isEmpty() ? "the bytes differ, the values Drools compiles and their formats do not" : null);
        } catch (IOException | RuntimeException e) {
            return new File(path, kind, true, false, false, List.of(), List.of(), "not readable as a workbook: " + e.getMessage());
        }
    }

    /** An added or removed row shows one side only; a changed row marks the cells that differ from the other side. */
    private static List<Cell> cells(List<String> side, List<String> other, int width) {
        if (side.isEmpty()) {
            return List.of();
        }
        List<Cell> cells = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            String value = c < side.size() ? side.get(c) : "";
            String against = c < other.size() ? other.get(c) : "";
            cells.add(new Cell(value, !other.isEmpty() && !value.equals(against)));
        }
        return cells;
    }

    /** A line diff (longest common subsequence) with {@value #CONTEXT} unchanged lines around each change. */
    static List<Line> text(SourceFile old, SourceFile now) {
        String[] a = lines(old);
        String[] b = lines(now);
        if (a.length + b.length > MAX_LINES) {
            return List.of(new Line('~', null, null, "too long to show here (" + a.length + " -> " + b.length + " lines)"));
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> all = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                all.add(new Line(' ', i + 1, j + 1, a[i]));
                i++;
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                all.add(new Line('-', i + 1, null, a[i])); // a removed line before the line that replaces it
                i++;
            } else {
                all.add(new Line('+', null, j + 1, b[j]));
                j++;
            }
        }
        List<Line> shown = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            int from = Math.max(0, k - CONTEXT);
            int to = Math.min(all.size() - 1, k + CONTEXT);
            boolean near = false;
            for (int n = from; n <= to && !near; n++) {
                near = all.get(n).kind() != ' ';
            }
            if (near) {
                if (!shown.isEmpty() && k > 0 && shown.get(shown.size() - 1) != all.get(k - 1)) {
                    shown.add(new Line('~', null, null, "…"));
                }
                shown.add(all.get(k));
            }
        }
        return shown;
    }

    private static String[] lines(SourceFile file) {
        if (file == null) {
            return new String[0];
        }
        String text = new String(file.content(), StandardCharsets.UTF_8);
        return text.isEmpty() ? new String[0] : text.split("\r?\n", -1);
    }

    private static Map<String, SourceFile> byPath(List<SourceFile> sources) {
        Map<String, SourceFile> map = new LinkedHashMap<>();
        sources.forEach(s -> map.put(s.path(), s));
        return map;
    }

    private static java.util.Set<String> union(Map<String, SourceFile> a, Map<String, SourceFile> b) {
        java.util.Set<String> paths = new java.util.LinkedHashSet<>(a.keySet());
        paths.addAll(b.keySet());
        return paths;
    }
}
