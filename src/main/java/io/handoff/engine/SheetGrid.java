package io.handoff.engine;

import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * A worksheet as the text of its cells, the way Drools' spreadsheet compiler reads them: numbers by value (a whole
 * number without ".0", whatever the display format), formulas by their cached result, everything else as text.
 * The table diff reads workbooks through it too, so a review shows the values that are compiled.
 */
public final class SheetGrid {
    private SheetGrid() {
    }

    /** Every worksheet of a workbook by name, in workbook order. */
    public static java.util.Map<String, List<List<String>>> read(byte[] workbook) throws java.io.IOException {
        java.util.Map<String, List<List<String>>> sheets = new java.util.LinkedHashMap<>();
        try (org.apache.poi.ss.usermodel.Workbook book = org.apache.poi.ss.usermodel.WorkbookFactory.create(
                new java.io.ByteArrayInputStream(workbook))) {
            for (Sheet sheet : book) {
                sheets.put(sheet.getSheetName(), of(sheet));
            }
        }
        return sheets;
    }

    static List<List<String>> of(Sheet sheet) {
        List<List<String>> grid = new ArrayList<>();
        for (int r = 0; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            List<String> cells = new ArrayList<>();
            if (row != null) {
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    cells.add(text(row.getCell(c)));
                }
            }
            grid.add(cells);
        }
        return grid;
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> number(cell.getNumericCellValue());
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case STRING -> cell.getRichStringCellValue().getString();
            default -> "";
        };
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
