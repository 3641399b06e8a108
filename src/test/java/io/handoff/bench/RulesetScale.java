package io.handoff.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import io.handoff.CandidateFolders;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;
import io.handoff.rulemodel.Handoff;

/**
 * A big scoring table: the shipped ruleset with 100, 1,000 or 5,000 generated rows appended to the Scoring sheet of
 * scoring.xlsx, each a narrow band of one length and one count per domain (as a table of fine-grained scoring
 * rules looks), so a contract matches at most one of them. For each size: compile time, the heap the compiled
 * ruleset holds, and the traced engine's cost per decision against the shipped ruleset's.
 */
final class RulesetScale {
    /** One measured ruleset. */
    record Result(String label, int generatedRows, int rules, double compileSeconds, double heapMegabytes, double microsPerDecision) {
        String row() {
            return String.format(Locale.ROOT, "  %-26s %6d %6d %10.1f %10.1f %12.1f", label, generatedRows, rules, compileSeconds,
                    heapMegabytes, microsPerDecision);
        }

        static String header() {
            return String.format(Locale.ROOT, "  %-26s %6s %6s %10s %10s %12s", "ruleset", "rows+", "rules", "compile s",
                    "heap MB", "us/decision");
        }
    }

    private RulesetScale() {
    }

    static List<Result> run(List<Integer> sizes, double seconds) throws Exception {
        List<List<Handoff>> facts = BenchContracts.caseFacts();
        List<String> labels = new ArrayList<>(List.of("shipped (compile: cold JVM)"));
        List<Integer> rows = new ArrayList<>(List.of(0));
        List<Path[]> folders = new ArrayList<>();
        folders.add(new Path[] {Path.of("rules"), Path.of("decision-tables")});
        for (int size : sizes) {
            Path work = Files.createTempDirectory("ruleset-scale-");
            CandidateFolders.copy(Path.of("rules"), work.resolve("rules"));
            CandidateFolders.copy(Path.of("decision-tables"), work.resolve("decision-tables"));
            appendScoringRows(work.resolve("decision-tables/scoring.xlsx"), size);
            labels.add("shipped + generated rows");
            rows.add(size);
            folders.add(new Path[] {work.resolve("rules"), work.resolve("decision-tables")});
        }
        List<Ruleset> rulesets = new ArrayList<>();
        double[] compileSeconds = new double[folders.size()];
        double[] heap = new double[folders.size()];
        for (int i = 0; i < folders.size(); i++) {
            long heapBefore = usedHeapAfterGc();
            long start = System.nanoTime();
            rulesets.add(new RulesetCompiler(RulesetCompiler.DEFAULT_MAX_FIRINGS)
                    .compile(RuleSources.read(folders.get(i)[0], folders.get(i)[1])));
            compileSeconds[i] = (System.nanoTime() - start) / 1e9;
            heap[i] = (usedHeapAfterGc() - heapBefore) / 1048576.0;
            evaluate(rulesets.get(i), facts, seconds / 2);
        }
        // rounds alternate the rulesets, so a change of load on the shared machine hits them alike; median per ruleset
        int rounds = 3;
        double[][] micros = new double[folders.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < rulesets.size(); i++) {
                micros[i][round] = evaluate(rulesets.get(i), facts, seconds / rounds);
            }
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < rulesets.size(); i++) {
            double[] sorted = micros[i].clone();
            java.util.Arrays.sort(sorted);
            results.add(new Result(labels.get(i), rows.get(i), rulesets.get(i).rules().size(), compileSeconds[i], heap[i],
                    sorted[rounds / 2]));
            System.out.println(results.get(i).row());
        }
        return results;
    }

    /** Traced evaluations of the case contracts, one thread, for a while; microseconds per decision. */
    private static double evaluate(Ruleset ruleset, List<List<Handoff>> facts, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() < end) {
            for (List<Handoff> f : facts) {
                if (ruleset.evaluate(f).capped()) {
                    throw new IllegalStateException("evaluation capped: the generated table loops");
                }
                count++;
            }
        }
        return (System.nanoTime() - start) / 1e3 / count;
    }

    static void appendScoringRows(Path workbookFile, int rows) throws IOException {
        Workbook workbook;
        try (InputStream in = Files.newInputStream(workbookFile)) {
            workbook = WorkbookFactory.create(in);
        }
        Sheet sheet = workbook.getSheet("Scoring");
        int first = sheet.getLastRowNum() + 1;
        for (int i = 0; i < rows; i++) {
            boolean support = i % 2 == 0;
            int slot = i / 2;
            int low = (slot % 100) * 5;
            int count = (slot / 100) % 50;
            String condition = support
                    ? "summaryLength >= " + low + " && summaryLength < " + (low + 5) + " && attachmentCount == " + count
                    : "problemStatementLength >= " + low + " && problemStatementLength < " + (low + 5) + " && dependencyCount == " + count;
            Row row = sheet.createRow(first + i);
            row.createCell(0).setCellValue(String.format(Locale.ROOT, "SCORE-GEN-%05d", i));
            row.createCell(1).setCellValue(support ? "customer-support" : "product-management");
            row.createCell(3).setCellValue(condition);
            row.createCell(4).setCellValue("1");
            row.createCell(6).setCellValue("generated band " + i);
        }
        try (OutputStream out = Files.newOutputStream(workbookFile)) {
            workbook.write(out);
        }
        workbook.close();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
