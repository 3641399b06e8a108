package io.handoff.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


/**
 * One worksheet read once into typed cells ({@link WorkbookReader} is the only reader of workbooks). Each cell holds
 * its value exactly as Drools' spreadsheet parser reads it (a formula by its evaluated result, else its cached one;
 * a whole number in its display format; a merged cell by its region's first cell), its formula text and cached
 * value, its number and display format; the sheet knows its hidden rows and columns and merged regions. The
 * translator hands these same values to Drools, so what the checks see is what compiles; diff, threshold tuning
 * and the console read tables through it too.
 */
public final class SheetGrid {
    /** What a cell holds. */
    public enum Kind { EMPTY, TEXT, NUMBER, BOOLEAN, DATE, ERROR }

    /**
     * One cell: {@code value} as Drools reads it, {@code number} for a numeric value (also a formula's), the
     * {@code formula} text without '=' (null when none) and its {@code cached} result as the file stores it, and the
     * display {@code format}.
     */
    public record Cell(String value, Kind kind, Double number, String formula, String cached, String format) {
        public static final Cell EMPTY = new Cell("", Kind.EMPTY, null, null, null, "General");

        public boolean isFormula() {
            return formula != null;
        }

        /** The value compared by a review: a number by value whatever its display format, else the text. */
        public String comparable() {
            String shown = number != null ? SheetGrid.number(number) : value;
            return formula == null ? shown : "=" + formula + " (" + shown + ")";
        }
    }

    /** A merged region, 0-based and inclusive. */
    public record Region(int firstRow, int lastRow, int firstColumn, int lastColumn) {
        public boolean contains(int row, int column) {
            return row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn;
        }

        /** {@code B7:D7}. */
        public String describe() {
            return letters(firstColumn) + (firstRow + 1) + ":" + letters(lastColumn) + (lastRow + 1);
        }
    }

    private final String name;
    private final List<List<Cell>> rows;
    private final List<Integer> widths;
    private final Set<Integer> hiddenRows;
    private final Set<Integer> hiddenColumns;
    private final List<Region> merged;
    private final boolean hidden;

    private SheetGrid(String name, boolean hidden, List<List<Cell>> rows, List<Integer> widths, Set<Integer> hiddenRows,
                      Set<Integer> hiddenColumns, List<Region> merged) {
        this.name = name;
        this.hidden = hidden;
        this.rows = rows;
        this.widths = widths;
        this.hiddenRows = Set.copyOf(hiddenRows);
        this.hiddenColumns = Set.copyOf(hiddenColumns);
        this.merged = List.copyOf(merged);
    }

    /** Every worksheet of an {@code .xlsx} workbook by name, in workbook order (read by {@link WorkbookReader}). */
    public static Map<String, SheetGrid> read(byte[] workbook) throws IOException {
        return WorkbookReader.read(workbook);
    }

    static SheetGrid of(String name, boolean hidden, List<List<Cell>> rows, List<Integer> widths, Set<Integer> hiddenRows,
                        Set<Integer> hiddenColumns, List<Region> merged) {
        SheetGrid grid = new SheetGrid(name, hidden, rows, widths, hiddenRows, hiddenColumns, merged);
        grid.spreadMergedValues();
        return grid;
    }

    /** Drools reads every cell of a merged region as the region's first cell. */
    private void spreadMergedValues() {
        for (Region region : merged) {
            Cell first = raw(region.firstRow(), region.firstColumn());
            for (int r = region.firstRow(); r <= region.lastRow() && r < rows.size(); r++) {
                for (int c = region.firstColumn(); c <= region.lastColumn() && c < rows.get(r).size(); c++) {
                    Cell own = rows.get(r).get(c);
                    if (own != null && first != null && !(r == region.firstRow() && c == region.firstColumn())) {
                        rows.get(r).set(c, new Cell(first.value(), first.kind(), first.number(), own.formula(), own.cached(), own.format()));
                    }
                }
            }
        }
    }

    public String name() {
        return name;
    }

    /** Rows up to the last one the file holds (0-based indexes below). */
    public int rowCount() {
        return rows.size();
    }

    /** The number of cells the file holds in a row, as Drools iterates it (may be -1 for an empty row). */
    public int width(int row) {
        return row < widths.size() ? widths.get(row) : 0;
    }

    /** The cell at a 0-based row and column; {@link Cell#EMPTY} when the file holds none. */
    public Cell cell(int row, int column) {
        Cell cell = raw(row, column);
        return cell == null ? Cell.EMPTY : cell;
    }

    /** The first column of the merged region holding a cell, or -1 ({@code DataListener.NON_MERGED}) as Drools passes it. */
    int mergedStart(int row, int column) {
        return mergedAt(row, column).map(Region::firstColumn).orElse(-1);
    }

    /** True when the file holds a cell object there (even an empty one): Drools hears only these. */
    boolean present(int row, int column) {
        return raw(row, column) != null;
    }

    private Cell raw(int row, int column) {
        if (row < 0 || row >= rows.size() || column < 0 || column >= rows.get(row).size()) {
            return null;
        }
        return rows.get(row).get(column);
    }

    /** The text Drools reads from a cell, stripped. */
    public String text(int row, int column) {
        return cell(row, column).value().strip();
    }

    /** True for a hidden or very hidden worksheet: its tab is not shown, but Drools compiles it all the same. */
    public boolean hidden() {
        return hidden;
    }

    public boolean rowHidden(int row) {
        return hiddenRows.contains(row);
    }

    public boolean columnHidden(int column) {
        return hiddenColumns.contains(column);
    }

    public List<Region> merged() {
        return merged;
    }

    public Optional<Region> mergedAt(int row, int column) {
        return merged.stream().filter(m -> m.contains(row, column)).findFirst();
    }

    /** Every row as the texts Drools reads ("" where empty), for checks that take plain text. */
    public List<List<String>> texts() {
        List<List<String>> texts = new ArrayList<>();
        for (List<Cell> row : rows) {
            texts.add(row.stream().map(c -> c == null ? "" : c.value()).toList());
        }
        return texts;
    }

    /** True when some cell of the sheet reads as a {@code RuleTable} keyword. */
    public boolean hasRuleTable() {
        return rows.stream().flatMap(List::stream)
                .anyMatch(c -> c != null && c.kind() == Kind.TEXT && c.value().strip().startsWith("RuleTable"));
    }

    /** 0 -> A, 25 -> Z, 26 -> AA. */
    public static String letters(int column) {
        StringBuilder text = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            text.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return text.toString();
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
