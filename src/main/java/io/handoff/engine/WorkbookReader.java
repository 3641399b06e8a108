package io.handoff.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

import io.handoff.engine.SheetGrid.Cell;
import io.handoff.engine.SheetGrid.Kind;
import io.handoff.engine.SheetGrid.Region;

/**
 * The one place that reads a workbook with Apache POI, the way Drools' {@code ExcelParser} reads it: a formula by
 * its evaluated result (its cached one when POI cannot evaluate it), a whole number through its display format
 * (Locale.ENGLISH), a fraction as Java prints it, a date as Drools quotes it, text as it is.
 */
final class WorkbookReader {
    private WorkbookReader() {
    }

    /** Every worksheet by name, in workbook order. */
    static Map<String, SheetGrid> read(byte[] workbook) throws IOException {
        Map<String, SheetGrid> sheets = new LinkedHashMap<>();
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(workbook))) {
            FormulaEvaluator evaluator = book.getCreationHelper().createFormulaEvaluator();
            for (Sheet sheet : book) {
                int index = book.getSheetIndex(sheet);
                sheets.put(sheet.getSheetName(), of(sheet, book.isSheetHidden(index) || book.isSheetVeryHidden(index), evaluator));
            }
        }
        return sheets;
    }

    private static SheetGrid of(Sheet sheet, boolean hidden, FormulaEvaluator evaluator) {
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
        return SheetGrid.of(sheet.getSheetName(), hidden, rows, widths, hiddenRows, hiddenColumns, merged);
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
}
