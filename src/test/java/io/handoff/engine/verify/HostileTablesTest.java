package io.handoff.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.handoff.TableCells;
import io.handoff.engine.CompileProblem;
import io.handoff.engine.RuleSources;
import io.handoff.engine.RulesetCompilationException;
import io.handoff.engine.RulesetCompiler;

/**
 * Expressions typed into decision-table cells are refused with the sheet, row, column letter and header, before
 * anything is compiled; the marker file their code would write never appears.
 */
class HostileTablesTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}!{1}{2}: {4}")
    @CsvSource(delimiterString = " ;; ", quoteCharacter = '`', textBlock = """
            scoring.xlsx ;; Scoring ;; 12 ;; 3 ;; summaryLength < 40 && Runtime.getRuntime().exec('touch MARKER') != null ;; D (Condition) ;; calls exec(...) using Runtime
            scoring.xlsx ;; Scoring ;; 12 ;; 4 ;; -10 + new ProcessBuilder('touch', 'MARKER').start().waitFor() ;; E (Points) ;; only a number is allowed here, found an expression calling ProcessBuilder
            scoring.xlsx ;; Scoring ;; 12 ;; 5 ;; /package/summary")); java.nio.file.Files.createFile(java.nio.file.Path.of("MARKER")); insert(new Remediation("x ;; F (Remediation pointer) ;; only plain text is allowed here
            gates.xlsx ;; Gates ;; 10 ;; 5 ;; x") @other(java.lang.Runtime.getRuntime().exec("touch MARKER") ;; F (Reason) ;; only plain text is allowed here
            gates.xlsx ;; Gates ;; 10 ;; 4 ;; incident-command", "x"); System.exit(0); //, y ;; E (Gate id, approver role) ;; only plain text is allowed here
            routing.xlsx ;; Routing ;; 10 ;; 4 ;; 200 + java.lang.Runtime.getRuntime().availableProcessors() ;; E (Priority) ;; only a number is allowed here, found an expression calling Runtime
            routing.xlsx ;; Retry ;; 10 ;; 5 ;; 5, java.lang.Runtime.getRuntime().availableProcessors() ;; F (Attempts, backoff seconds) ;; only a number is allowed here
            thresholds.xlsx ;; Posture ;; 10 ;; 3 ;; 75 || new java.io.File('MARKER').createNewFile() ;; D (Score from) ;; only a number is allowed here
            routing.xlsx ;; Routing ;; 10 ;; 1 ;; customer-support" || new java.io.File("MARKER").createNewFile() || domain == "x ;; B (Domain) ;; only plain text is allowed here
            scoring.xlsx ;; Scoring ;; 11 ;; 3 ;; summaryLength >= 40 && getClass().getClassLoader() != null ;; D (Condition) ;; calls getClassLoader(...)
            """)
    void refusesExpressionInACellByRowAndColumn(String file, String sheet, int row, int column, String value,
                                                String where, String says) throws IOException {
        Path tables = shippedTables();
        Path marker = temp.resolve("marker");
        TableCells.set(tables.resolve(file), sheet, row, column, value.replace("MARKER", marker.toString()));

        assertThatThrownBy(() -> new RulesetCompiler().compile(RuleSources.read(Path.of("rules"), tables)))
                .isInstanceOfSatisfying(RulesetCompilationException.class, e -> assertThat(e.problems())
                        .filteredOn(p -> p.code().equals("not-allowed"))
                        .anySatisfy(p -> {
                            assertThat(p.toString()).startsWith("decision-tables/" + file + ", sheet " + sheet + ", row " + row
                                    + ", column " + where + ": ");
                            assertThat(p.message()).contains(says);
                        }));
        assertThat(marker).doesNotExist();
    }

    @Test
    void refusesAFunctionDeclaredInTheTableHeader() throws IOException {
        Path tables = shippedTables();
        Path scoring = tables.resolve("scoring.xlsx");
        Workbook workbook;
        try (InputStream in = Files.newInputStream(scoring)) {
            workbook = WorkbookFactory.create(in);
        }
        Sheet sheet = workbook.getSheet("Scoring");
        Row row = sheet.getRow(3) == null ? sheet.createRow(3) : sheet.getRow(3);
        row.createCell(0).setCellValue("Functions");
        row.createCell(1).setCellValue("function boolean touch() { return new java.io.File(\"" + temp.resolve("marker") + "\").createNewFile(); }");
        try (OutputStream out = Files.newOutputStream(scoring)) {
            workbook.write(out);
        }
        workbook.close();

        assertThatThrownBy(() -> new RulesetCompiler().compile(RuleSources.read(Path.of("rules"), tables)))
                .isInstanceOfSatisfying(RulesetCompilationException.class, e -> assertThat(e.problems())
                        .filteredOn(p -> p.code().equals("not-allowed"))
                        .anySatisfy(p -> assertThat(p.toString()).startsWith("decision-tables/scoring.xlsx, sheet Scoring")
                                .contains("functions are not allowed")));
        assertThat(temp.resolve("marker")).doesNotExist();
    }

    @Test
    void acceptsTheShippedTablesAndEveryOrdinaryEdit() throws IOException {
        Path tables = shippedTables();
        TableCells.set(tables.resolve("scoring.xlsx"), "Scoring", 12, 4, "-15");
        TableCells.set(tables.resolve("scoring.xlsx"), "Scoring", 12, 3, "summaryLength < 30 && customerTier in ('enterprise', 'business')");
        TableCells.set(tables.resolve("gates.xlsx"), "Gates", 11, 3, "arrAtRisk >= 250000 || hasEvidence('reproduction') && !isOverBudget()");
        TableCells.set(tables.resolve("routing.xlsx"), "Routing", 10, 7, "sev1 goes straight to incident response (24/7)");

        assertThat(new RulesetCompiler().compile(RuleSources.read(Path.of("rules"), tables)).warnings())
                .extracting(CompileProblem::code).doesNotContain("not-allowed");
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
