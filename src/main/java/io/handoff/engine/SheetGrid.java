package io.handoff.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.drools.util.DateUtils;

/**
 * One worksheet read once into typed cells: the only place that reads a workbook with Apache POI. Each cell holds
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

    private SheetGrid(String name, List<List<Cell>> rows, List<Integer> widths, Set<Integer> hiddenRows,
                      Set<Integer> hiddenColumns, List<Region> merged) {
        this.name = name;
        this.rows = rows;
        this.widths = widths;
        this.hiddenRows = Set.copyOf(hiddenRows);
        this.hiddenColumns = Set.copyOf(hiddenColumns);
        this.merged = List.copyOf(merged);
    }

    /** Every worksheet of an {@code .xlsx} (or {@code .xls}) workbook by name, in workbook order. */
    public static Map<String, SheetGrid> read(byte[] workbook) throws IOException {
        Map<String, SheetGrid> sheets = new LinkedHashMap<>();
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(workbook))) {
            FormulaEvaluator evaluator = book.getCreationHelper().createFormulaEvaluator();
            for (Sheet sheet : book) {
                sheets.put(sheet.getSheetName(), of(sheet, evaluator));
            }
        }
        return sheets;
    }

    private static SheetGrid of(Sheet sheet, FormulaEvaluator evaluator) {
        DataFormatter formatter = new DataFormatter(Locale.ENGLISH);
        List<Region> merged = new ArrayList<>();
        for (CellRangeAddress range : sheet.getMergedRegions()) {
            merged.add(new Region(range.getFirstRow(), range.getLastRow(), range.getFirstColumn(), range.getLastColumn()));
        }
        List<List<Cell>> rows = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        Set<Integer> hiddenRows = new HashSet<>();
        int widest = 0;
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<Cell> cells = new ArrayList<>();
            int width = row == null ? 0 : row.getLastCellNum();
            if (row != null && row.getZeroHeight()) {
                hiddenRows.add(r);
            }
            for (int c = 0; c < width; c++) {
                org.apache.poi.ss.usermodel.Cell cell = row.getCell(c);
                cells.add(cell == null ? null : read(cell, formatter, evaluator));
            }
            widest = Math.max(widest, width);
            rows.add(cells);
            widths.add(width);
        }
        Set<Integer> hiddenColumns = new HashSet<>();
        for (int c = 0; c < widest; c++) {
            if (sheet.isColumnHidden(c)) {
                hiddenColumns.add(c);
            }
        }
        SheetGrid grid = new SheetGrid(sheet.getSheetName(), rows, widths, hiddenRows, hiddenColumns, merged);
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

    private static Cell read(org.apache.poi.ss.usermodel.Cell cell, DataFormatter formatter, FormulaEvaluator evaluator) {
        String format = cell.getCellStyle() == null ? "General" : cell.getCellStyle().getDataFormatString();
        format = format == null ? "General" : format;
        if (cell.getCellType() == CellType.FORMULA) {
            String cached = cached(cell, formatter);
            Double number = cell.getCachedFormulaResultType() == CellType.NUMERIC ? cell.getNumericCellValue() : null;
            try {
                var result = evaluator.evaluate(cell);
                String value = result.getCellType() == CellType.BOOLEAN ? String.valueOf(cell.getBooleanCellValue())
                        : formatter.formatCellValue(cell, evaluator);
                Double evaluated = result.getCellType() == CellType.NUMERIC ? result.getNumberValue() : number;
                return new Cell(value, kind(result.getCellType()), evaluated, cell.getCellFormula(), cached, format);
            } catch (RuntimeException e) { // Drools falls back to the cached value, so do we
                return new Cell(cached, kind(cell.getCachedFormulaResultType()), number, cell.getCellFormula(), cached, format);
            }
        }
        return switch (cell.getCellType()) {
            case BOOLEAN -> new Cell(cell.getBooleanCellValue() ? "true" : "false", Kind.BOOLEAN, null, null, null, format);
            case NUMERIC -> {
                double value = cell.getNumericCellValue();
                if (DateUtil.isCellDateFormatted(cell)) {
                    yield new Cell("\"" + DateUtils.format(cell.getDateCellValue()) + "\"", Kind.DATE, value, null, null, format);
                }
                String text = value - Math.round(value) != 0 ? String.valueOf(value) : formatter.formatCellValue(cell);
                yield new Cell(text, Kind.NUMBER, value, null, null, format);
            }
            case STRING -> new Cell(cell.getStringCellValue(), Kind.TEXT, null, null, null, format);
            case ERROR -> new Cell(formatter.formatCellValue(cell), Kind.ERROR, null, null, null, format);
            default -> new Cell("", Kind.EMPTY, null, null, null, format);
        };
    }

    private static String cached(org.apache.poi.ss.usermodel.Cell cell, DataFormatter formatter) {
        return switch (cell.getCachedFormulaResultType()) {
            case NUMERIC -> {
                double num = cell.getNumericCellValue();
                yield num - Math.round(num) != 0 ? String.valueOf(num) : formatter.formatCellValue(cell);
            }
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case ERROR -> String.valueOf(cell.getErrorCellValue());
            default -> "";
        };
    }

    private static Kind kind(CellType type) {
        return switch (type) {
            case NUMERIC -> Kind.NUMBER;
            case STRING -> Kind.TEXT;
            case BOOLEAN -> Kind.BOOLEAN;
            case ERROR -> Kind.ERROR;
            default -> Kind.EMPTY;
        };
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
