package io.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The analyst commands on the shipped rules, as a user runs them. */
class HandoffCliTest {
    @Test
    void validateAndTestPassOnTheShippedRules() {
        Run validate = run("validate");
        assertThat(validate.exit()).isZero();
        assertThat(validate.out()).contains("VALID: 92 rules");
        Run test = run("test");
        assertThat(test.exit()).isZero();
        assertThat(test.out()).contains("PASS  rules/cases/cs-010-tier2-complete.yaml").contains("COVERAGE:")
                .contains("not covered: ROUTE-ANY-999").contains("PASSED: 38 passed, 0 failed");
    }

    @Test
    void candidateCheckWritesTheReportTheServiceReads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path report = dir.resolve("report.json");
        java.nio.file.Path progress = dir.resolve("progress.txt");
        Run check = run("candidate-check", "--report", report.toString(), "--progress", progress.toString());
        assertThat(check.exit()).isZero();
        tools.jackson.databind.JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(report.toFile());
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("casesPassed").asInt()).isEqualTo(38);
        assertThat(json.get("casesFailed").asInt()).isZero();
        assertThat(json.get("uncoveredRules").toString()).contains("ROUTE-ANY-999");
        assertThat(json.get("failedOnCase").isNull()).isTrue();
        // the last step after every case is the completeness probe: a check that dies there says so
        assertThat(java.nio.file.Files.readString(progress)).isEqualTo("completeness probe");
    }

    @Test
    void validateFailsOnAFolderWithoutRules() {
        Run validate = run("validate", "--rules", "src/test/resources/api", "--tables", "src/test/resources/contracts");
        assertThat(validate.exit()).isEqualTo(1);
        assertThat(validate.out()).contains("INVALID");
    }

    @Test
    void validateNamesABrokenScorecardFormula(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path rules = dir.resolve("rules");
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("rules"))) {
            for (java.nio.file.Path from : files.toList()) {
                java.nio.file.Path to = rules.resolve(java.nio.file.Path.of("rules").relativize(from).toString());
                if (java.nio.file.Files.isDirectory(from)) {
                    java.nio.file.Files.createDirectories(to);
                } else {
                    java.nio.file.Files.copy(from, to);
                }
            }
        }
        java.nio.file.Path metrics = rules.resolve("metrics.yaml");
        java.nio.file.Files.writeString(metrics, java.nio.file.Files.readString(metrics)
                .replace("count('reopened') / reported()", "count('reopened') / / reported()"));
        Run validate = run("validate", "--rules", rules.toString(), "--tables", "decision-tables");
        assertThat(validate.exit()).isEqualTo(1);
        assertThat(validate.out()).contains("ERROR  metrics.yaml, metric 2 (reopen-rate): formula").contains("does not parse");
    }

    @Test
    void diffOfATableWithItselfFindsNothing() {
        Run diff = run("diff", "decision-tables/routing.xlsx", "decision-tables/routing.xlsx");
        assertThat(diff.exit()).isZero();
        assertThat(diff.out()).contains("no differences");
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int exit = HandoffCli.run(args);
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
