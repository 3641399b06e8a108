package io.handoff.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.handoff.ShippedRuleset;
import io.handoff.TableCells;

class RulesetCompilerTest {
    @TempDir
    Path temp;

    @Test
    void shippedRulesCompileWithTableRowsAndDrlLines() {
        Ruleset ruleset = ShippedRuleset.ruleset();
        assertThat(ruleset.rules().get("SCORE-CS-010"))
                .isEqualTo(RuleLocation.ofTableRow("decision-tables/scoring.xlsx", "Scoring", 11));
        assertThat(ruleset.rules().get("RETRY-PM-010"))
                .isEqualTo(RuleLocation.ofTableRow("decision-tables/routing.xlsx", "Retry", 13));
        assertThat(ruleset.rules().get("GUARD-COST-010").file()).isEqualTo("rules/guardrails/cost.drl");
        assertThat(ruleset.rules().get("GUARD-COST-010").line()).isPositive();
        assertThat(ruleset.rules().keySet().stream().filter(id -> id.startsWith("SCORE-"))).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void brokenTableCellIsReportedByFileSheetAndRow() throws IOException {
        Path tables = copyShipped();
        Path scoring = tables.resolve("scoring.xlsx");
        setCell(scoring, "Scoring", 17, 3, "reproStepsCount >>= 2");

        List<CompileProblem> problems = problemsOf(sources(tables));

        assertThat(problems).filteredOn(CompileProblem::isError).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.location().file()).isEqualTo("decision-tables/scoring.xlsx");
            assertThat(problem.location().sheet()).isEqualTo("Scoring");
        });
        assertThat(problems).filteredOn(CompileProblem::isError)
                .anySatisfy(problem -> assertThat(problem.toString())
                        .startsWith("decision-tables/scoring.xlsx, sheet Scoring, row 17, column D (Condition): "));
        assertThat(problems.toString()).doesNotContain("#Scoring.drl");
    }

    @Test
    void everyBrokenCellIsListedNotOnlyTheFirst() throws IOException {
        Path tables = copyShipped();
        setCell(tables.resolve("scoring.xlsx"), "Scoring", 12, 3, "summaryLength <<< 40");
        setCell(tables.resolve("gates.xlsx"), "Gates", 11, 3, "arrAtRisk >= ");

        List<CompileProblem> errors = problemsOf(sources(tables)).stream().filter(CompileProblem::isError).toList();

        assertThat(errors).extracting(p -> p.location().file() + "#" + p.location().row())
                .contains("decision-tables/scoring.xlsx#12", "decision-tables/gates.xlsx#11");
    }

    @Test
    void brokenDrlIsReportedByFileAndLine() throws IOException {
        Path rules = temp.resolve("rules");
        Files.createDirectories(rules);
        Files.write(rules.resolve("broken.drl"), resource("/engine/broken-syntax.drl"));
        List<CompileProblem> problems = problemsOf(RuleSources.read(rules));
        assertThat(problems).filteredOn(CompileProblem::isError)
                .anySatisfy(p -> assertThat(p.toString()).startsWith("rules/broken.drl, line 7: "));
    }

    @Test
    void duplicateRuleIdAcrossSourcesIsAnError() throws IOException {
        List<SourceFile> sources = new ArrayList<>(RuleSources.read(ShippedRuleset.RULES, ShippedRuleset.TABLES));
        sources.add(new SourceFile("rules/extra/duplicate.drl", resource("/engine/duplicate-id.drl")));
        assertThat(problemsOf(sources)).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("duplicate-rule-id");
            assertThat(p.message()).contains("SCORE-CS-010").contains("decision-tables/scoring.xlsx, sheet Scoring, row 11");
        });
    }

    @Test
    void workbookWithoutRuleTableIsAnErrorAndItsSheetIsReportedNotCompiled() throws IOException {
        Path tables = temp.resolve("decision-tables");
        Files.createDirectories(tables);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(tables.resolve("notes.xlsx"))) {
            workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("just notes");
            workbook.write(out);
        }
        List<CompileProblem> problems = problemsOf(RuleSources.read(tables));
        assertThat(problems).extracting(CompileProblem::code).contains("sheet-not-compiled", "table-without-rules");
        assertThat(problems).filteredOn(p -> p.code().equals("sheet-not-compiled"))
                .allSatisfy(p -> assertThat(p.location().sheet()).isEqualTo("Notes"));
    }

    @Test
    void overlappingBandsAreErrorsAndRowsThatCanNeverFireAreWarnedByRow() throws IOException {
        Path tables = copyShipped();
        setCell(tables.resolve("thresholds.xlsx"), "Posture", 16, 3, "15");
        setCell(tables.resolve("routing.xlsx"), "Routing", 16, 3, "category == 'billing'");
        List<CompileProblem> warnings = problemsOf(sources(tables));
        assertThat(warnings).extracting(Object::toString).contains(
                "decision-tables/thresholds.xlsx, sheet Posture, row 16, column D (Score from): a score in 15..20 falls in two bands: "
                        + "POSTURE-CS-130 overlaps POSTURE-CS-140 (row 17)",
                "decision-tables/routing.xlsx, sheet Routing, row 16: ROUTE-CS-070 can never fire: ROUTE-CS-060 (row 15) "
                        + "in activation group routing has exactly the same conditions");
        setCell(tables.resolve("thresholds.xlsx"), "Posture", 16, 3, "25");
        assertThat(problemsOf(sources(tables))).filteredOn(CompileProblem::isError).extracting(CompileProblem::code)
                .contains("band-gap");
        assertThat(warnings).filteredOn(p -> p.code().equals("band-overlap")).allMatch(CompileProblem::isError);
    }

    @Test
    void versionIsAContentHashOfPathsAndContent() {
        List<SourceFile> sources = RuleSources.read(ShippedRuleset.RULES, ShippedRuleset.TABLES);
        assertThat(RulesetCompiler.version(sources)).hasSize(64).isEqualTo(RulesetCompiler.version(List.copyOf(sources)));
        List<SourceFile> changed = new ArrayList<>(sources);
        SourceFile drl = changed.stream().filter(SourceFile::isDrl).findFirst().orElseThrow();
        changed.remove(drl);
        changed.add(new SourceFile(drl.path(), (new String(drl.content(), java.nio.charset.StandardCharsets.UTF_8) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(RulesetCompiler.version(changed)).isNotEqualTo(RulesetCompiler.version(sources));
    }

    private List<CompileProblem> problemsOf(List<SourceFile> sources) {
        try {
            return new RulesetCompiler().compile(sources).warnings();
        } catch (RulesetCompilationException e) {
            return e.problems();
        }
    }

    private List<SourceFile> sources(Path tables) {
        return RuleSources.read(ShippedRuleset.RULES, tables);
    }

    private Path copyShipped() throws IOException {
        Path tables = temp.resolve("decision-tables");
        Files.createDirectories(tables);
        try (Stream<Path> files = Files.list(ShippedRuleset.TABLES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, tables.resolve(file.getFileName()));
            }
        }
        return tables;
    }

    private static void setCell(Path file, String sheet, int row, int column, String value) throws IOException {
        TableCells.set(file, sheet, row, column, value);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = RulesetCompilerTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
