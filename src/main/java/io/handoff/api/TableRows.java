package io.handoff.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.handoff.engine.SheetGrid;
import io.handoff.engine.SourceFile;
import io.handoff.decision.ArchivedSources;

/**
 * The cells of a decision-table row as Drools compiled them (read through {@link SheetGrid}), read from the archived sources of the exact
 * ruleset version that decided: each cell with the column label of the table's header row ("Id", "Score from").
 */
final class TableRows {
    record Cell(String label, String value) {
    }

    /** One row of a sheet as the workbook shows it: its spreadsheet row number, every cell up to the widest row, and the
     * rule id in its "Id" column when it is a rule row of a table (null for titles, headers and notes). */
    record GridRow(int row, List<String> cells, String ruleId) {
    }

    /** One sheet of a workbook, with the column letters of its widest row. */
    record Grid(String sheet, List<String> columns, List<GridRow> rows) {
    }

    private final ArchivedSources archive;
    /** version|file -> sheet -> spreadsheet row -> cells: each archived workbook is read and parsed once. */
    private final Map<String, Map<String, Map<Integer, List<Cell>>>> workbooks = new ConcurrentHashMap<>();

    /** {@code archive}: where a version's sources are read (the archive, or the lifecycle for a candidate not archived). */
    TableRows(ArchivedSources archive) {
        this.archive = archive;
    }

    List<Cell> cells(String version, String file, String sheet, int row) {
        if (!file.endsWith(".xlsx") && !file.endsWith(".xls")) {
            return List.of();
        }
        return workbooks.computeIfAbsent(version + "|" + file, key -> read(version, file))
                .getOrDefault(sheet, Map.of()).getOrDefault(row, List.of());
    }

    /** version|file -> its sheets: a version's sources never change, so each workbook is read once. */
    private final Map<String, List<Grid>> grids = new ConcurrentHashMap<>();

    /** Every sheet of one archived workbook of the version, as its rows and cells; empty when it is no workbook. */
    List<Grid> sheets(String version, String file) {
        if (!file.endsWith(".xlsx") && !file.endsWith(".xls")) {
            return List.of();
        }
        return grids.computeIfAbsent(version + "|" + file, key -> readGrids(version, file));
    }

    private List<Grid> readGrids(String version, String file) {
        Optional<SourceFile> source = archive.load(version).flatMap(sources -> sources.stream()
                .filter(s -> s.path().equals(file)).findFirst());
        if (source.isEmpty()) {
            return List.of();
        }
        try {
            return SheetGrid.read(source.get().content()).values().stream().map(TableRows::grid).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** A sheet as the analyst sees it, with the values Drools compiles (the one reader the checks and diff use too). */
    private static Grid grid(SheetGrid sheet) {
        int width = 0;
        for (int r = 0; r < sheet.rowCount(); r++) {
            width = Math.max(width, sheet.width(r));
        }
        List<GridRow> rows = new ArrayList<>();
        boolean inTable = false;
        for (int r = 0; r < sheet.rowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                cells.add(sheet.text(r, c));
            }
            if (cells.stream().allMatch(String::isEmpty)) {
                continue;
            }
            String first = cells.isEmpty() ? "" : cells.get(0);
            if ("Id".equals(first)) {
                inTable = true;
                rows.add(new GridRow(r + 1, cells, null));
                continue;
            }
            rows.add(new GridRow(r + 1, cells, inTable && !first.isEmpty() ? first : null));
        }
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            columns.add(SheetGrid.letters(c));
        }
        return new Grid(sheet.name(), columns, rows);
    }

    private Map<String, Map<Integer, List<Cell>>> read(String version, String file) {
        Optional<SourceFile> source = archive.load(version).flatMap(sources -> sources.stream()
                .filter(s -> s.path().equals(file)).findFirst());
        if (source.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<Integer, List<Cell>>> sheets = new HashMap<>();
        try {
            for (SheetGrid grid : SheetGrid.read(source.get().content()).values()) {
                Map<Integer, List<Cell>> rows = new HashMap<>();
                List<String> labels = List.of();
                for (int r = 0; r < grid.rowCount(); r++) {
                    if ("Id".equals(grid.text(r, 0))) {
                        labels = new ArrayList<>();
                        for (int c = 0; c < grid.width(r); c++) {
                            labels.add(grid.text(r, c));
                        }
                        continue;
                    }
                    if (!labels.isEmpty()) {
                        rows.put(r + 1, cells(grid, r, labels));
                    }
                }
                sheets.put(grid.name(), rows);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return sheets;
    }

    /** The row's non-empty cells as Drools reads them, each labelled by the table's header row ("Id", "Score from"). */
    private static List<Cell> cells(SheetGrid grid, int row, List<String> labels) {
        List<Cell> cells = new ArrayList<>();
        for (int c = 0; c < Math.max(grid.width(row), labels.size()); c++) {
            String value = grid.text(row, c);
            String label = c < labels.size() && !labels.get(c).isEmpty() ? labels.get(c) : "column " + SheetGrid.letters(c);
            if (!value.isEmpty()) {
                cells.add(new Cell(label, value));
            }
        }
        return cells;
    }
}
