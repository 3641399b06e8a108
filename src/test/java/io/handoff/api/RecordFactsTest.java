package io.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.handoff.audit.AuditRecord;

class RecordFactsTest {
    private static final ConsoleRoles AUDITOR = new ConsoleRoles("dev-auditor", List.of("auditor"),
            true, true, true, true, true, false, false, false);
    private static final ConsoleRoles ANALYST = new ConsoleRoles("dev-analyst", List.of("analyst"),
            false, true, false, true, false, true, false, false);

    @Test
    void anApprovalStepShowsItsGateVerdictActorAndTransitionAndLinksItsHandoffAndDecision() throws Exception {
        List<RecordFacts.Fact> facts = RecordFacts.of(record("approval", "HC-1"), AUDITOR);
        assertThat(facts).extracting(RecordFacts.Fact::label).contains("Gate", "Approval status", "Comment", "Acting principal",
                "Transition");
        assertThat(value(facts, "Gate")).isEqualTo("incident-command");
        assertThat(value(facts, "Transition")).isEqualTo("awaiting-approval → accepted (amber → green): all gates approved");
        assertThat(link(facts, "Contract")).isEqualTo("/console/handoffs/HC-1");
        assertThat(link(facts, "Decision")).isEqualTo("/console/records/d-1");
        assertThat(RecordFacts.heading("approval")).isEqualTo("Approval step");
    }

    @Test
    void aFlagChangeShowsBeforeAndAfterAndNoHandoffLinkForARoleThatCannotOpenIt() throws Exception {
        List<RecordFacts.Fact> facts = RecordFacts.of(record("flag-change", null), ANALYST);
        assertThat(value(facts, "Before")).isEqualTo("none");
        assertThat(value(facts, "After")).isEqualTo("domain customer-support · team * · mode observe");
        assertThat(value(facts, "Changed by")).isEqualTo("dev-admin");
        assertThat(facts).extracting(RecordFacts.Fact::label).doesNotContain("Contract");
    }

    private static AuditRecord record(String kind, String contractId) throws Exception {
        var body = ContractFixtures.JSON.readTree(Files.readString(Path.of("src/test/resources/api/records/" + kind + ".json")));
        return new AuditRecord(7, body.get("recordId").asString(), kind, contractId, null, null, body.path("outcome").asString(),
                null, null, null, Instant.parse("2026-11-21T10:00:00Z"), body, "p", "h", 2, List.of(), List.of());
    }

    private static String value(List<RecordFacts.Fact> facts, String label) {
        return facts.stream().filter(f -> f.label().equals(label)).findFirst().orElseThrow().value();
    }

    private static String link(List<RecordFacts.Fact> facts, String label) {
        return facts.stream().filter(f -> f.label().equals(label)).findFirst().orElseThrow().href();
    }
}
