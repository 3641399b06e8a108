package io.handoff.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.handoff.HugeWorkbook;

class WorkbookPartsTest {
    private static final long CAP = 1024 * 1024;

    @Test
    void refusesAWorkbookWhosePartInflatesPastTheCapNamingFileAndPart() throws Exception {
        SourceFile huge = new SourceFile("decision-tables/huge.xlsx", HugeWorkbook.withSheetOf(3 * CAP));
        assertThat(huge.content().length).as("a small file").isLessThan((int) (CAP / 2));

        assertThat(WorkbookParts.check(huge, CAP)).hasValueSatisfying(problem -> {
            assertThat(problem.code()).isEqualTo("table-too-large");
            assertThat(problem.toString()).isEqualTo("decision-tables/huge.xlsx: the workbook is not read: part "
                    + "xl/worksheets/sheet1.xml expands to more than 1 MB (the limit for one part of a workbook); "
                    + "split the table or remove unused rows and formatting");
        });
    }

    @Test
    void acceptsAWorkbookWithinTheCap() throws Exception {
        assertThat(WorkbookParts.check(new SourceFile("decision-tables/small.xlsx", HugeWorkbook.withSheetOf(CAP / 2)), CAP))
                .isEmpty();
    }

    @Test
    void theCompilerRefusesTheWorkbookAndStillReportsTheOtherSources() throws Exception {
        List<SourceFile> sources = new java.util.ArrayList<>(RuleSources.read(Path.of("rules"), Path.of("decision-tables")));
        sources.add(new SourceFile("decision-tables/huge.xlsx", HugeWorkbook.withSheetOf(3 * CAP)));
        RulesetCompiler compiler = new RulesetCompiler(RulesetCompiler.DEFAULT_MAX_FIRINGS, CAP);

        try {
            compiler.compile(sources);
            throw new AssertionError("compiled a workbook past the cap");
        } catch (RulesetCompilationException e) {
            assertThat(e.problems()).filteredOn(CompileProblem::isError).singleElement()
                    .satisfies(p -> assertThat(p.toString()).startsWith("decision-tables/huge.xlsx: the workbook is not read: part "
                            + "xl/worksheets/sheet1.xml"));
        } finally {
            new RulesetCompiler(); // back to the default cap for POI in this JVM
        }
    }
}
