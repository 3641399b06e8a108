package io.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.handoff.IncompleteRuleset;

/** validate refuses what would fail live: a gate role no approver of the configured directory holds, a contract without outcome. */
class ValidateRefusalsTest {
    @Test
    void validateRefusesAGateRoleTheConfiguredDirectoryDoesNotHold(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("application.properties");
        Files.writeString(config, """
                handoff.orchestration.approvers.morgan-diaz=incident-commander,team-lead,shift-lead
                handoff.orchestration.approvers.ana-silva=product-lead,release-manager,engineering-lead,data-science-lead
                handoff.orchestration.approvers.sam-okafor=account-owner
                """);
        Run validate = run("validate", "--config", config.toString());
        assertThat(validate.exit()).isEqualTo(1);
        assertThat(validate.out())
                .contains("ERROR  decision-tables/gates.xlsx, sheet Gates, row 13, column E (Gate id, approver role): gate 'budget' "
                        + "requires role 'budget-owner', which no approver in the directory holds")
                .contains("ERROR  decision-tables/gates.xlsx, sheet Gates, row 16, column E")
                .contains("approver directory: 3 approvers from [" + config + "]")
                .contains("INVALID: 2 error(s)");
    }

    @Test
    void validateRefusesARulesetWhereAValidContractReachesNoOutcome(@TempDir Path dir) throws Exception {
        IncompleteRuleset.copyTo(dir);
        Run validate = run("validate", "--rules", dir.resolve("rules").toString(), "--tables", dir.resolve("decision-tables").toString());
        assertThat(validate.exit()).isEqualTo(1);
        assertThat(validate.out()).contains("ERROR  a valid contract reaches no outcome: customer-support / ")
                .contains("/case/channel = \"social\"").contains("INVALID");
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return new Run(HandoffCli.run(args), bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
