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
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

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
        List<Result> results = new ArrayList<>();
        Result coldShipped = measure("shipped", 0, Path.of("rules"), Path.of("decision-tables"), facts, seconds);
        results.add(coldShipped);
        for (int size : sizes) {
            Path work = Files.createTempDirectory("ruleset-scale-");
            copy(Path.of("rules"), work.resolve("rules"));
            copy(Path.of("decision-tables"), work.resolve("decision-tables"));
            appendScoringRows(work.resolve("decision-tables/scoring.xlsx"), size);
            results.add(measure("shipped + generated rows", size, work.resolve("rules"), work.resolve("decision-tables"), facts, seconds));
            System.out.println(results.get(results.size() - 1).row());
        }
        // the first compile in this JVM also loads Drools' classes and its first decisions run before the JIT has warmed:
        // keep its compile time (what a cold start pays) but take the per-decision cost measured again, warm, last
        Result warm = measure("shipped", 0, Path.of("rules"), Path.of("decision-tables"), facts, seconds);
        results.set(0, new Result("shipped (compile: cold JVM)", 0, coldShipped.rules(), coldShipped.compileSeconds(),
                warm.heapMegabytes(), warm.microsPerDecision()));
        return results;
    }

    private static Result measure(String label, int size, Path rules, Path tables, List<List<Handoff>> facts, double seconds) {
        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();
        Ruleset ruleset = new RulesetCompiler().compile(RuleSources.read(rules, tables));
        double compileSeconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = usedHeapAfterGc();
        evaluate(ruleset, facts, seconds / 2);
        double micros = evaluate(ruleset, facts, seconds);
        return new Result(label, size, ruleset.rules().size(), compileSeconds, (heapAfter - heapBefore) / 1048576.0, micros);
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

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
