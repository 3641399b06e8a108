package io.handoff.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.handoff.TableCells;

/** Spreadsheet mistakes that Drools passes in silence are errors with file, sheet and row. */
class TableSafetyNetTest {
    @TempDir
    Path temp;

    @Test
    void refusesABlankRowThatWouldDropEveryRuleBelowIt() throws IOException {
        Path tables = shippedTables();
        edit(tables.resolve("scoring.xlsx"), sheet -> sheet.shiftRows(20, sheet.getLastRowNum(), 1)); // row 21 left blank

        assertThat(errors(tables)).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("row-after-blank-row");
            assertThat(p.toString()).startsWith("decision-tables/scoring.xlsx, sheet Scoring, row 22, column A (Id): row 22 holds data but row 21");
        });
    }

    @Test
    void refusesAGateRowWithoutItsApproverRole() throws IOException {
        Path tables = shippedTables();
        TableCells.set(tables.resolve("gates.xlsx"), "Gates", 13, 4, "budget");

        assertThat(errors(tables)).anySatisfy(p -> assertThat(p.toString()).isEqualTo(
                "decision-tables/gates.xlsx, sheet Gates, row 13, column E (Gate id, approver role): "
                        + "this column takes 2 values separated by commas, found 1: 'budget'"));
    }

    @Test
    void refusesAScoreBandGapEvenWhenTheBoundIsAFormula() throws IOException {
        Path tables = shippedTables();
        edit(tables.resolve("thresholds.xlsx"), sheet -> sheet.getRow(15).getCell(3).setCellFormula("20+5"));

        assertThat(errors(tables)).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("band-gap");
            assertThat(p.location().row()).isEqualTo(16);
        });
    }

    @Test
    void refusesAnOpenDocumentWorkbookInsteadOfSkippingIt() throws IOException {
        Path tables = shippedTables();
        Files.write(tables.resolve("extra.ods"), new byte[] {'P', 'K'});

        assertThat(errors(tables)).anySatisfy(p -> assertThat(p.toString()).isEqualTo("decision-tables/extra.ods: "
                + "an OpenDocument spreadsheet (.ods) cannot be compiled: save it as Excel 2007-365 (.xlsx)"));
    }

    private static java.util.List<CompileProblem> errors(Path tables) {
        try {
            new RulesetCompiler().compile(RuleSources.read(Path.of("rules"), tables));
        } catch (RulesetCompilationException e) {
            return e.problems().stream().filter(CompileProblem::isError).toList();
        }
        throw new AssertionError("the edited tables compiled");
    }

    private static void edit(Path file, java.util.function.Consumer<Sheet> change) throws IOException {
        Workbook workbook;
        try (InputStream in = Files.newInputStream(file)) {
            workbook = WorkbookFactory.create(in);
        }
        change.accept(workbook.getSheetAt(0));
        workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        workbook.close();
    }

    private Path shippedTables() throws IOException {
        Path tables = Files.createDirectories(temp.resolve("decision-tables"));
        try (Stream<Path> files = Files.list(Path.of("decision-tables"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, tables.resolve(file.getFileName()));
            }
        }
        return tables;
    }
}
