package io.handoff.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import io.handoff.engine.SourceFile;
import io.handoff.ruleset.RulesetArchive;

/**
 * The cells of a decision-table row as the analyst wrote them, read from the archived sources of the exact
 * ruleset version that decided: each cell with the column label of the table's header row ("Id", "Score from").
 */
final class TableRows {
    private static final DataFormatter FORMAT = new DataFormatter();

    record Cell(String label, String value) {
    }

    private final RulesetArchive archive;
    private final Map<String, List<Cell>> cache = new ConcurrentHashMap<>();

    TableRows(RulesetArchive archive) {
        this.archive = archive;
    }

    List<Cell> cells(String version, String file, String sheet, int row) {
        return cache.computeIfAbsent(version + "|" + file + "|" + sheet + "|" + row, key -> read(version, file, sheet, row));
    }

    private List<Cell> read(String version, String file, String sheetName, int rowNumber) {
        Optional<SourceFile> source = archive.load(version).flatMap(sources -> sources.stream()
                .filter(s -> s.path().equals(file)).findFirst());
        if (source.isEmpty() || !file.endsWith(".xlsx") && !file.endsWith(".xls")) {
            return List.of();
        }
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(source.get().content()))) {
            Sheet sheet = workbook.getSheet(sheetName);
            Row row = sheet == null ? null : sheet.getRow(rowNumber - 1);
            if (row == null) {
                return List.of();
            }
            List<String> labels = new ArrayList<>();
            for (int r = rowNumber - 2; r >= 0 && labels.isEmpty(); r--) {
                Row candidate = sheet.getRow(r);
                if (candidate != null && "Id".equals(FORMAT.formatCellValue(candidate.getCell(0)).trim())) {
                    for (int c = 0; c < candidate.getLastCellNum(); c++) {
                        labels.add(FORMAT.formatCellValue(candidate.getCell(c)).trim());
                    }
                }
            }
            List<Cell> cells = new ArrayList<>();
            for (int c = 0; c < Math.max(row.getLastCellNum(), labels.size()); c++) {
                String value = FORMAT.formatCellValue(row.getCell(c)).trim();
                String label = c < labels.size() && !labels.get(c).isEmpty() ? labels.get(c) : "column " + (char) ('A' + c);
                if (!value.isEmpty()) {
                    cells.add(new Cell(label, value));
                }
            }
            return cells;
        } catch (IOException | RuntimeException e) {
            return List.of(new Cell("unreadable", e.getMessage()));
        }
    }
}
