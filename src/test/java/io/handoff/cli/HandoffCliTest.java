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
        assertThat(validate.out()).contains("VALID: " + io.handoff.ShippedRuleset.ruleset().rules().size() + " rules");
        Run test = run("test");
        assertThat(test.exit()).isZero();
        assertThat(test.out()).contains("PASS  rules/cases/cs-010-tier2-complete.yaml").contains("COVERAGE:")
                .contains("not covered: ROUTE-ANY-999").contains("PASSED: " + io.handoff.ShippedRuleset.caseCount() + " passed, 0 failed");
    }

    @Test
    void candidateCheckWritesTheReportTheServiceReads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path report = dir.resolve("report.json");
        java.nio.file.Path progress = dir.resolve("progress.txt");
        Run check = run("candidate-check", "--report", report.toString(), "--progress", progress.toString());
        assertThat(check.exit()).isZero();
        tools.jackson.databind.JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(report.toFile());
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("casesPassed").asInt()).isEqualTo(io.handoff.ShippedRuleset.caseCount());
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

    @Test
    void tryPrintsTheDecisionWithTheFileSheetAndRowOfEveryFiredRule() {
        Run tried = run("try", "src/test/resources/contracts/cs-enterprise-sev1-to-engineering.json");
        assertThat(tried.exit()).as(tried.out()).isZero();
        assertThat(tried.out()).contains("HC-2026-0001 on version ").contains("(nothing recorded)")
                .contains("outcome      accept-pending-approval")
                .containsPattern("ROUTE-CS-\\d+ +decision-tables/routing\\.xlsx, sheet Routing, row \\d+")
                .containsPattern("rules/verdict/outcome\\.drl, line \\d+");

        Run json = run("try", "--json", "src/test/resources/contracts/pm-spec-to-engineering.json");
        assertThat(json.exit()).isZero();
        assertThat(tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.out()).get("trace").size()).isPositive();
    }

    @Test
    void tryOfAnInvalidContractListsItsViolations(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path contract = dir.resolve("bad.json");
        java.nio.file.Files.writeString(contract, "{\"contractId\": \"HC-TRY-1\"}");
        Run tried = run("try", contract.toString());
        assertThat(tried.exit()).isEqualTo(1);
        assertThat(tried.out()).contains("INVALID: ").contains("outcome invalid-contract").contains("/schemaVersion");
    }

    @Test
    void simulateNamesARetryPolicyOnlyChange(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path tables = copy(java.nio.file.Path.of("decision-tables"), dir.resolve("decision-tables"));
        // RETRY-CS-030: "3, 300" (attempts, backoff seconds) becomes "1, 5"; nothing else changes
        io.handoff.TableCells.set(tables.resolve("routing.xlsx"), "Retry", 12, 5, "1, 5");
        java.nio.file.Path contracts = dir.resolve("contracts.ndjson");
        tools.jackson.databind.ObjectMapper yaml = tools.jackson.dataformat.yaml.YAMLMapper.builder().build();
        java.nio.file.Files.writeString(contracts, yaml.readTree(java.nio.file.Path.of("rules/cases/cs-010-tier2-complete.yaml")
                .toFile()).get("contract").toString() + "\n");

        Run simulate = run("simulate", contracts.toString(), "--a", "rules,decision-tables", "--b", "rules," + tables);

        assertThat(simulate.exit()).as(simulate.out()).isZero();
        assertThat(simulate.out()).contains("1 of 1 decisions changed")
                .contains("HC-CASE-001 (line 1): retryPolicy 3 attempts, 300 s -> 1 attempts, 5 s");
    }

    @Test
    void testNamesTheLineOfAYamlErrorAndRunsEveryOtherCase(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path rules = copy(java.nio.file.Path.of("rules"), dir.resolve("rules"));
        java.nio.file.Path broken = rules.resolve("cases/pm-090-bug.yaml");
        java.nio.file.Files.writeString(broken, java.nio.file.Files.readString(broken).replaceFirst("\nexpect:", "\nexpect: ["));

        Run test = run("test", "--rules", rules.toString(), "--tables", "decision-tables");

        assertThat(test.exit()).isEqualTo(1);
        assertThat(test.out()).contains("FAIL  rules/cases/pm-090-bug.yaml")
                .containsPattern("file: expected a readable case, got rules/cases/pm-090-bug.yaml, line 49, column 11: "
                        + "the YAML cannot be read: ")
                .contains("PASS  rules/cases/pm-100-discovery.yaml").contains("FAILED: " + (io.handoff.ShippedRuleset.caseCount() - 1) + " passed, 1 failed of " + io.handoff.ShippedRuleset.caseCount() + " cases")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static java.nio.file.Path copy(java.nio.file.Path from, java.nio.file.Path to) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(from)) {
            for (java.nio.file.Path file : files.toList()) {
                java.nio.file.Path target = to.resolve(from.relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(file, target);
                }
            }
        }
        return to;
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
