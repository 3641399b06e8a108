package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableDiffTest {
    @TempDir
    Path temp;

    @Test
    void namesChangedCellsAndAddedRowsByStableId() throws IOException {
        Path before = Path.of("decision-tables/gates.xlsx");
        Path after = temp.resolve("gates.xlsx");
        Workbook workbook;
        try (InputStream in = Files.newInputStream(before)) {
            workbook = WorkbookFactory.create(in);
        }
        Sheet sheet = workbook.getSheet("Gates");
        sheet.getRow(10).getCell(3).setCellValue("arrAtRisk >= 250000");
        Row added = sheet.createRow(sheet.getLastRowNum() + 1);
        added.createCell(0).setCellValue("GATE-PM-060");
        added.createCell(1).setCellValue("product-management");
        try (OutputStream out = Files.newOutputStream(after)) {
            workbook.write(out);
        }
        workbook.close();

        List<TableDiff.Change> changes = TableDiff.diff(before, after);

        assertThat(changes).extracting(Object::toString).containsExactly(
                "sheet Gates, GATE-CS-020 (row 11): row changed D: 'arrAtRisk >= 100000' -> 'arrAtRisk >= 250000'",
                "sheet Gates, GATE-PM-060 (row 19): row added A='GATE-PM-060'; B='product-management'");
        assertThat(TableDiff.diff(before, before)).isEmpty();
    }

    @Test
    void comparesValuesNotWhatTheDisplayFormatShows() throws IOException {
        Path before = Path.of("decision-tables/thresholds.xlsx");
        Path after = edited(before, workbook -> {
            org.apache.poi.ss.usermodel.Cell cell = workbook.getSheet("Posture").getRow(10).getCell(3);
            org.apache.poi.ss.usermodel.CellStyle whole = workbook.createCellStyle();
            whole.setDataFormat(workbook.createDataFormat().getFormat("0"));
            cell.setCellStyle(whole);
            cell.setCellValue(55.4); // shown as 55, compiled as 55.4
        });

        assertThat(TableDiff.diff(before, after)).extracting(Object::toString)
                .containsExactly("sheet Posture, POSTURE-CS-020 (row 11): row changed D: '55' -> '55.4'");
    }

    @Test
    void saysWhenOnlyTheFormattingChanged() throws IOException {
        Path before = Path.of("decision-tables/thresholds.xlsx");
        Path after = edited(before, workbook -> {
            org.apache.poi.ss.usermodel.CellStyle decimals = workbook.createCellStyle();
            decimals.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
            workbook.getSheet("Posture").getRow(13).getCell(3).setCellStyle(decimals); // 65 shown as 65.00
        });

        List<TableDiff.Change> changes = TableDiff.diff(before, after);

        assertThat(changes).extracting(Object::toString).containsExactly("sheet Posture, POSTURE-CS-110 (row 14): formatting changed"
                + " D format: 'General' -> '0.00' (value '65' unchanged)");
        assertThat(TableDiff.onlyFormatting(changes)).isTrue();
    }

    @Test
    void anUnchangedResaveHasNoDifferences() throws Exception {
        Path before = Path.of("decision-tables/scoring.xlsx");
        Path after = edited(before, workbook -> { });
        assertThat(Files.readAllBytes(after)).isNotEqualTo(Files.readAllBytes(before));
        assertThat(TableDiff.diff(before, after)).isEmpty();

        org.junit.jupiter.api.Assumptions.assumeTrue(io.handoff.LibreOffice.available(), "LibreOffice (soffice) is not installed");
        assertThat(TableDiff.diff(before, io.handoff.LibreOffice.save(after))).isEmpty();
    }

    @Test
    void aRenamedSheetStillShowsTheChangesInsideIt() throws IOException {
        Path before = Path.of("decision-tables/gates.xlsx");
        Path after = edited(before, workbook -> {
            workbook.setSheetName(workbook.getSheetIndex("Gates"), "Approval gates");
            workbook.getSheet("Approval gates").getRow(10).getCell(3).setCellValue("arrAtRisk >= 250000");
        });

        assertThat(TableDiff.diff(before, after)).extracting(Object::toString).containsExactly(
                "sheet Approval gates, (sheet): sheet renamed from Gates",
                "sheet Approval gates, GATE-CS-020 (row 11): row changed D: 'arrAtRisk >= 100000' -> 'arrAtRisk >= 250000'");
    }

    private Path edited(Path original, java.util.function.Consumer<Workbook> change) throws IOException {
        Path after = temp.resolve(original.getFileName());
        Workbook workbook;
        try (InputStream in = Files.newInputStream(original)) {
            workbook = WorkbookFactory.create(in);
        }
        change.accept(workbook);
        try (OutputStream out = Files.newOutputStream(after)) {
            workbook.write(out);
        }
        workbook.close();
        return after;
    }
}
