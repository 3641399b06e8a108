package io.handoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.handoff.ShippedRuleset;
import io.handoff.audit.Masking;
import io.handoff.contract.ContractValidator;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A live decision records the history it was made with even when its own ruleset version has no rule on TicketHistory:
 * a shadow candidate and a recovery re-decision on another version get the recorded values, and a version with history
 * rules must see what the records said, not zeros (an optimisation that skipped the read for such versions lost
 * GUARD-REL-013 here).
 */
class ShadowSeesRecordedHistoryTest {
    private static final HandoffHistory BUSY = HandoffHistory.of("T-1000", 0, 0, "support-tier2", 20, 8);

    @Test
    void aCandidateReadingHistoryIsShadowedWithZerosWhenTheActiveRulesetDoesNotReadIt() throws Exception {
        Ruleset active = new RulesetCompiler().compile(RuleSources.read(ShippedRuleset.RULES, ShippedRuleset.TABLES).stream()
                .filter(f -> !f.path().endsWith("history.drl") && !f.path().endsWith("reliability.drl")).toList());
        Ruleset candidate = ShippedRuleset.ruleset();
        DecisionService live = service(active);
        byte[] contract = contract();
        Decided decided = live.decide(contract);
        HandoffHistory recorded = HandoffHistory.recorded(DecisionJson.MAPPER.readTree(decided.json()));
        ContractValidator.Validated validated = new ContractValidator().read(contract);

        // what RulesetLifecycle.runShadow and Recovery.redecision pass: the live decision's recorded history
        Decision shadowed = live.decide("d", validated, candidate, recorded);
        Decision withRecords = live.decide("d", validated, candidate, BUSY);

        assertThat(fired(withRecords)).contains("GUARD-REL-013");
        assertThat(fired(shadowed)).contains("GUARD-REL-013"); // zeros when the live decision skipped the read
    }

    private static List<String> fired(Decision d) {
        return d.trace().stream().map(Decision.TraceEntry::ruleId).toList();
    }

    private static DecisionService service(Ruleset ruleset) {
        return new DecisionService(new ContractValidator(), RulesetRouting.fixed(() -> ruleset),
                Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC), DecisionRecorder.none(), new Masking(List.of()),
                DecisionPolicy.ENFORCE, HandoffLineage.NONE, null, EvaluationLimit.NONE, c -> BUSY);
    }

    private static byte[] contract() throws Exception {
        JsonNode c = YAMLMapper.builder().build().readTree(Files.readString(Path.of("rules/cases/cs-064-receiver-bounces-often.yaml"))).get("contract");
        return DecisionJson.MAPPER.writeValueAsBytes(c);
    }
}
