package io.handoff.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import io.handoff.engine.RuleSources;
import io.handoff.engine.RulesetCompiler;
import io.handoff.engine.SourceFile;
import io.handoff.engine.verify.DrlVerifier;
import io.handoff.engine.verify.TableCellCheck;

/**
 * What the rule verifier adds to compiling the shipped ruleset. Each round compiles the shipped sources three ways:
 * the service's {@link RulesetCompiler} (tables translated, cells and every DRL verified, the verified packages
 * compiled), Drools alone (the same DRL texts and generated table DRL added to a KnowledgeBuilder, unverified: the
 * baseline), and the verification alone. Rounds alternate; each figure is the median of the measured rounds.
 * Target: the service's compile at most 10 % above Drools alone.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=io.handoff.bench.VerifierBenchmark}.
 */
public final class VerifierBenchmark {
    private static final int WARMUP = 8;
    private static final int ROUNDS = 25;

    private VerifierBenchmark() {
    }

    public static void main(String[] args) {
        List<SourceFile> sources = RuleSources.read(Path.of("rules"), Path.of("decision-tables"));
        List<String> drls = new ArrayList<>();
        List<List<List<String>>> grids = new ArrayList<>();
        for (SourceFile source : sources) {
            if (source.isDrl()) {
                drls.add(new String(source.content(), StandardCharsets.UTF_8));
            } else if (source.isTable()) { // the cases are part of the sources (and of the version) since 2026-11
                tables(source, drls, grids);
            }
        }
        double[] compile = new double[ROUNDS];
        double[] drools = new double[ROUNDS];
        double[] verify = new double[ROUNDS];
        for (int i = -WARMUP; i < ROUNDS; i++) {
            long start = System.nanoTime();
            new RulesetCompiler().compile(sources);
            long compiled = System.nanoTime();
            droolsAlone(sources);
            long baseline = System.nanoTime();
            int refusals = verify(drls, grids);
            long verified = System.nanoTime();
            if (refusals != 0) {
                throw new IllegalStateException("the shipped ruleset was refused " + refusals + " times");
            }
            if (i >= 0) {
                compile[i] = (compiled - start) / 1e6;
                drools[i] = (baseline - compiled) / 1e6;
                verify[i] = (verified - baseline) / 1e6;
            }
        }
        double compileMedian = median(compile);
        double droolsMedian = median(drools);
        double verifyMedian = median(verify);
        System.out.printf(Locale.ROOT, "shipped ruleset (%d sources, %d DRL texts, %d sheets), median of %d rounds after %d warm-up%n",
                sources.size(), drls.size(), grids.size(), ROUNDS, WARMUP);
        System.out.printf(Locale.ROOT, "Drools alone, unverified (baseline): %8.2f ms%n", droolsMedian);
        System.out.printf(Locale.ROOT, "service compile, verified:           %8.2f ms  (%.3f x baseline)%n", compileMedian,
                compileMedian / droolsMedian);
        System.out.printf(Locale.ROOT, "verification alone (parse + check):  %8.2f ms%n", verifyMedian);
        System.out.printf(Locale.ROOT, "verification adds %+.1f %% to compiling the shipped ruleset (target <= 10 %%)%n",
                100 * (compileMedian / droolsMedian - 1));
    }

    /** What compiling costs without the verifier: Drools' spreadsheet compiler and knowledge builder on the texts. */
    private static void droolsAlone(List<SourceFile> sources) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (SourceFile source : sources) {
            if (source.isDrl()) {
                builder.add(ResourceFactory.newByteArrayResource(source.content()), ResourceType.DRL);
            } else if (source.isTable()) {
                try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(source.content()))) {
                    for (Sheet sheet : workbook) {
                        String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(source.content()), sheet.getSheetName());
                        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (builder.hasErrors()) {
            throw new IllegalStateException(builder.getErrors().toString());
        }
        builder.newKieBase();
    }

    private static int verify(List<String> drls, List<List<List<String>>> grids) {
        DrlVerifier verifier = new DrlVerifier();
        TableCellCheck cells = new TableCellCheck();
        int refusals = 0;
        for (String drl : drls) {
            refusals += verifier.verify(drl).size();
        }
        for (List<List<String>> grid : grids) {
            refusals += cells.check(grid).size();
        }
        return refusals;
    }

    /** The generated DRL of every RuleTable sheet (as the translator makes it) and the sheet's cells. */
    private static void tables(SourceFile source, List<String> drls, List<List<List<String>>> grids) {
        DataFormatter format = new DataFormatter();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(source.content()))) {
            for (Sheet sheet : workbook) {
                List<List<String>> grid = new ArrayList<>();
                for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; row != null && c < row.getLastCellNum(); c++) {
                        cells.add(row.getCell(c) == null ? "" : format.formatCellValue(row.getCell(c)));
                    }
                    grid.add(cells);
                }
                grids.add(grid);
                drls.add(new SpreadsheetCompiler().compile(new ByteArrayInputStream(source.content()), sheet.getSheetName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
