package io.handoff.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.handoff.TableCells;
import io.handoff.engine.RulesetCompilationException;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;
import io.handoff.engine.SourceFile;
import io.handoff.rulemodel.Handoff;

/**
 * Bypasses of the rule verifier found by a hostile review. Each test FAILS while the bypass exists: it asserts that
 * the service's compile path refuses the text ("not-allowed"); when it does not, the ruleset is evaluated and the
 * failure message says what ran (marker file written, input mutated).
 */
class AttackTest {
    private static final String HEAD = "package handoff.rules;\nimport io.handoff.rulemodel.*;\n\n";

    @TempDir
    Path temp;

    private String createMarker(Path marker) {
        return "java.nio.file.Files.createFile(java.nio.file.Path.of(\"" + marker + "\"))";
    }

    /** Accumulate function parameters are compiled as Java by ECJ (unicode escapes processed); the verifier reads them with DRLX (not processed). */
    @Test
    void accumulateParameterHidesJavaBehindAnEscapedCommentEnd() {
        Path marker = temp.resolve("marker");
        String drl = HEAD + "rule \"ATK-ACC-010\"\nwhen\n"
                + "    $n : Number() from accumulate( $h : Handoff( ), sum( 1 /* \\u002a/ + " + createMarker(marker) + ".hashCode() /* */ + 0 ) )\n"
                + "then\n    insert( new Route( \"x\" ) );\nend\n";
        assertRefused(drl, marker, null);
    }

    @Test
    void accumulateParameterHidesJavaBehindAnEscapedLineBreak() {
        Path marker = temp.resolve("marker");
        String drl = HEAD + "rule \"ATK-ACC-020\"\nwhen\n"
                + "    $n : Number() from accumulate( $h : Handoff( ), sum( 1 + // \\u000a " + createMarker(marker) + ".hashCode() +\n 0 ) )\n"
                + "then\n    insert( new Route( \"x\" ) );\nend\n";
        assertRefused(drl, marker, null);
    }

    /**
     * JavaParser (unicode escapes processed) reads {@code \uu002f\uu002f} as {@code //}: the rest of the line is a comment.
     * Drools' consequence analyzer drops the backslash and the next character outside what it sees as comments and
     * strings, so ECJ compiles {@code u002fu002f: <statement>}: a labelled statement that runs.
     */
    @Test
    void consequenceRunsCodeBehindEscapedSlashesThatDroolsRewrites() {
        Path marker = temp.resolve("marker");
        String drl = HEAD + "rule \"ATK-RHS-010\"\nwhen\n    $h : Handoff( )\nthen\n"
                + "    insert( new Route( \"x\" ) ); \\uu002f\\uu002f: " + createMarker(marker) + ";\nend\n";
        assertRefused(drl, marker, null);
    }

    @Test
    void consequenceMutatesTheInputTheSameWay() {
        String drl = HEAD + "rule \"ATK-RHS-020\"\nwhen\n    $h : Handoff( )\nthen\n"
                + "    insert( new Route( \"x\" ) ); \\uu002f\\uu002f: $h.getValidationEvidence().add(\"forged\");\nend\n";
        assertRefused(drl, temp.resolve("marker"), "forged");
    }

    /** The same consequence bypass through a decision table: an ACTION column whose snippet is $param. */
    @Test
    void decisionTableActionCellCarriesTheConsequenceBypass() throws IOException {
        Path marker = temp.resolve("marker");
        Path table = temp.resolve("routing.xlsx");
        Files.copy(Path.of("decision-tables/routing.xlsx"), table);
        TableCells.set(table, "Routing", 8, 6, "$param");
        for (int row = 11; row <= lastRuleRow(table, "Routing"); row++) {
            TableCells.set(table, "Routing", row, 6, "insert(new Score(2));");
        }
        // Drools escapes double quotes of a whole-$param action cell: the cell uses none (the path is spelled as chars)
        String chars = marker.toString().chars().mapToObj(c -> "'" + (char) c + "'").collect(java.util.stream.Collectors.joining(","));
        TableCells.set(table, "Routing", 10, 6, "insert(new Score(1)); \\uu002f\\uu002f: java.nio.file.Files.createFile("
                + "java.nio.file.Path.of(String.valueOf(new char[] {" + chars + "})));");
        List<SourceFile> sources = List.of(new SourceFile("decision-tables/routing.xlsx", Files.readAllBytes(table)));
        Handoff handoff = new Handoff();
        handoff.setDomain("customer-support");
        handoff.setSeverity("sev1");
        handoff.setHandoffType("support-to-engineering");
        assertRefused(sources, handoff, marker, null);
    }

    private static int lastRuleRow(Path table, String sheet) throws IOException {
        try (org.apache.poi.ss.usermodel.Workbook workbook = org.apache.poi.ss.usermodel.WorkbookFactory.create(Files.newInputStream(table))) {
            org.apache.poi.ss.usermodel.Sheet grid = workbook.getSheet(sheet);
            int row = 10;
            while (grid.getRow(row) != null && grid.getRow(row).getCell(0) != null
                    && !grid.getRow(row).getCell(0).toString().isBlank()) {
                row++;
            }
            return row; // 1-based number of the last row with a rule id
        }
    }

    /**
     * Latent: the verifier maps simple names (Route, Score, ...) to the rule model, but the generated consequence class
     * lives in the DRL's package, and in Java a class of the same package beats an on-demand import. With
     * {@code package org.openqa.selenium.remote.http;} ECJ binds {@code new Route(...)} to Selenium's Route (abstract here,
     * so it fails to compile; any concrete class with an outcome's name and a side-effecting constructor would run).
     */
    @Test
    void packageNameShadowsOutcomeTypes() {
        String drl = "package org.openqa.selenium.remote.http;\nimport io.handoff.rulemodel.*;\n\n"
                + "rule \"ATK-PKG-010\"\nwhen\n    $h : Handoff( )\nthen\n    insert( new Route( \"x\" ) );\nend\n";
        try {
            new RulesetCompiler().compile(List.of(new SourceFile("rules/attack.drl", drl.getBytes(StandardCharsets.UTF_8))));
            fail("compiled: the package is not restricted");
        } catch (RulesetCompilationException e) {
            assertThat(e.problems()).as("refused by the verifier, not by ECJ resolving Route elsewhere: " + e.problems())
                    .anyMatch(p -> p.code().equals("not-allowed"));
        }
    }

    /** Verifier crash: a long flat sum makes ExpressionCheck recurse past the stack; compile throws an Error, not a refusal. */
    @Test
    void longExpressionIsRefusedNotAStackOverflow() {
        String drl = HEAD + "rule \"ATK-DEEP-010\"\nwhen\n    $h : Handoff( summaryLength > " + "1 + ".repeat(20_000) + "1 )\n"
                + "then\n    insert( new Route( \"x\" ) );\nend\n";
        try {
            new RulesetCompiler().compile(List.of(new SourceFile("rules/attack.drl", drl.getBytes(StandardCharsets.UTF_8))));
            fail("compiled");
        } catch (RulesetCompilationException e) {
            // fail closed with a report: fine
        } catch (StackOverflowError e) {
            fail("the verifier crashed with StackOverflowError instead of refusing (RulesetLifecycle.evaluate does not catch"
                    + " Errors: the candidate stays 'compiling' forever)");
        }
    }

    private void assertRefused(String drl, Path marker, String forgedEvidence) {
        Handoff handoff = new Handoff();
        handoff.setDomain("customer-support");
        assertRefused(List.of(new SourceFile("rules/attack.drl", drl.getBytes(StandardCharsets.UTF_8))), handoff, marker, forgedEvidence);
    }

    private void assertRefused(List<SourceFile> sources, Handoff handoff, Path marker, String forgedEvidence) {
        Ruleset ruleset;
        try {
            ruleset = new RulesetCompiler().compile(sources);
        } catch (RulesetCompilationException e) {
            assertThat(e.problems()).as(e.problems().toString()).anyMatch(p -> p.code().equals("not-allowed"));
            assertThat(marker).doesNotExist();
            return;
        }
        ruleset.evaluate(List.of(handoff));
        fail("BYPASS: compiled without refusal; after evaluation marker file exists=" + Files.exists(marker)
                + ", input validationEvidence=" + handoff.getValidationEvidence()
                + (forgedEvidence != null ? " (forged: " + handoff.getValidationEvidence().contains(forgedEvidence) + ")" : ""));
    }
}
