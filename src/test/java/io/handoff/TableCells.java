package io.handoff;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/** Edits a decision table the way an analyst does in a spreadsheet program, for tests. */
public final class TableCells {
    private TableCells() {
    }

    /** Writes one cell; row is the 1-based spreadsheet row an analyst sees, column 0-based. */
    public static void set(Path file, String sheet, int row, int column, String value) throws IOException {
        Workbook workbook;
        try (InputStream in = Files.newInputStream(file)) {
            workbook = WorkbookFactory.create(in);
        }
        workbook.getSheet(sheet).getRow(row - 1).getCell(column).setCellValue(value);
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        workbook.close();
    }
}
