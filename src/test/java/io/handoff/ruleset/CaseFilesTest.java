package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misspelled key in a case file is an error naming the file and the key, not a check silently skipped; a file
 * that is not YAML is named with its line and column, and every other case still runs.
 */
class CaseFilesTest {
    @TempDir
    Path temp;

    /** The YAML reader itself fails on a long value of emoji (an index out of bounds): a case-file problem, never a 500. */
    @Test
    void aCaseTheYamlReaderCannotReadIsACaseFileProblem() throws IOException {
        Path file = temp.resolve("long.yaml");
        Files.writeString(file, "name: x\ncontract: {}\nexpect:\n  route: \"" + "\uD83D\uDE00".repeat(1100) + "\"\n");
        assertThatThrownBy(() -> CaseRunner.read(file, "rules/cases/long.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules/cases/long.yaml").hasMessageContaining("YAML cannot be read");
    }

    @Test
    void refusesAMisspelledExpectationKey() throws IOException {
        Path file = misspelled("posture: green", "postrue: green");
        assertThatThrownBy(() -> CaseRunner.read(file, "rules/cases/typo.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules/cases/typo.yaml").hasMessageContaining("postrue");
    }

    @Test
    void refusesAnUnknownTopLevelKey() throws IOException {
        Path file = misspelled("expect:", "expected:");
        assertThatThrownBy(() -> CaseRunner.read(file, "rules/cases/typo.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules/cases/typo.yaml").hasMessageContaining("'expected'");
    }

    @Test
    void aMisspelledExpectationKeyIsNamedWithItsLine() throws IOException {
        Path file = misspelled("posture: green", "postrue: green");
        assertThatThrownBy(() -> CaseRunner.read(file, "rules/cases/typo.yaml"))
                .hasMessageStartingWith("rules/cases/typo.yaml, line 51, column 3: unknown key 'postrue' under expect")
                .hasMessageContaining("outcome, page, posture, remediation, route, score, urgency");
    }

    @Test
    void aYamlErrorNamesFileLineAndColumnAndTheOtherCasesStillRun() throws IOException {
        Path rules = Files.createDirectories(temp.resolve("rules/cases"));
        try (var shipped = Files.list(Path.of("rules/cases"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        Path broken = rules.resolve("cs-020-enterprise-tier2.yaml");
        Files.writeString(broken, Files.readString(broken).replace("  schemaVersion: '1.0'", "   schemaVersion: '1.0'"));

        CaseFiles files = CaseRunner.read(temp.resolve("rules"));

        assertThat(files.unreadable()).singleElement().satisfies(result -> {
            assertThat(result.file()).isEqualTo("rules/cases/cs-020-enterprise-tier2.yaml");
            assertThat(result.mismatches().get(0).actual())
                    .startsWith("rules/cases/cs-020-enterprise-tier2.yaml, line 5, column 17: the YAML cannot be read: ")
                    .doesNotContain("Exception").doesNotContain("tools.jackson");
        });
        assertThat(files.cases()).hasSize(io.handoff.ShippedRuleset.caseCount() - 1);
        List<CaseResult> results = new CaseRunner(io.handoff.ShippedRuleset.service())
                .runAll(files, io.handoff.ShippedRuleset.ruleset(), c -> { });
        assertThat(results).hasSize(io.handoff.ShippedRuleset.caseCount()).filteredOn(CaseResult::passed).hasSize(io.handoff.ShippedRuleset.caseCount() - 1);
        assertThat(CaseRunner.read(Path.of("rules")).unreadable()).isEmpty();
    }

    private Path misspelled(String correct, String wrong) throws IOException {
        String text = Files.readString(Path.of("rules/cases/cs-010-tier2-complete.yaml"));
        if (!text.contains(correct)) {
            throw new IllegalStateException("the shipped case no longer has " + correct);
        }
        Path file = temp.resolve("typo.yaml");
        Files.writeString(file, text.replace(correct, wrong));
        return file;
    }
}
