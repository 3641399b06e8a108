package io.handoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.handoff.ShippedRuleset;
import io.handoff.audit.Masking;
import io.handoff.contract.ContractValidator;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;
import io.handoff.engine.SourceFile;
import io.handoff.rulemodel.Handoff;
import io.handoff.rulemodel.TicketHistory;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The history read before a live decision is a database round trip; a ruleset none of whose conditions match
 * TicketHistory cannot be changed by it, so it is not read: the decision is made and recorded without history, the same
 * whatever the records say. A ruleset that matches it (the shipped one, or a rule reading it only under {@code not})
 * reads it once per decision.
 */
class HistoryNotReadTest {
    private static final HandoffHistory BUSY = HandoffHistory.of("T-1000", 5, 3, "support-tier2", 40, 20);

    @Test
    void theShippedRulesetMatchesTicketHistoryAndReadsItOncePerDecision() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        Decided decided = service(ShippedRuleset.ruleset(), reads).decide(contract("cs-010-tier2-complete.yaml"));

        assertThat(ShippedRuleset.ruleset().matches(TicketHistory.class)).isTrue();
        assertThat(ShippedRuleset.ruleset().matches(Handoff.class)).isTrue();
        assertThat(reads).hasValue(1);
        assertThat(HandoffHistory.recorded(DecisionJson.MAPPER.readTree(decided.json()))).isEqualTo(BUSY);
    }

    @Test
    void withoutARuleOnTicketHistoryTheHistoryIsNotReadAndTheDecisionCarriesNone() throws Exception {
        Ruleset withoutHistory = new RulesetCompiler().compile(RuleSources.read(ShippedRuleset.RULES, ShippedRuleset.TABLES).stream()
                .filter(f -> !f.path().endsWith("history.drl")).toList());
        AtomicInteger reads = new AtomicInteger();
        Decided decided = service(withoutHistory, reads).decide(contract("cs-010-tier2-complete.yaml"));
        Decided onNoRecords = service(withoutHistory, reads, HistorySource.NONE).decide(contract("cs-010-tier2-complete.yaml"));

        assertThat(withoutHistory.matches(TicketHistory.class)).isFalse();
        assertThat(reads).hasValue(0);
        JsonNode json = DecisionJson.MAPPER.readTree(decided.json());
        assertThat(json.has("history")).isFalse();
        // the same decision as on a service that keeps no records at all, bar the ids and time of the decision itself
        assertThat(withoutIds(json)).isEqualTo(withoutIds(DecisionJson.MAPPER.readTree(onNoRecords.json())));
    }

    @Test
    void aRuleThatReadsTicketHistoryOnlyUnderNotStillCountsAsMatchingIt() {
        String drl = """
                package handoff.rules;
                import io.handoff.rulemodel.*;
                rule "T-1"
                when
                    $h : Handoff()
                    not TicketHistory( handoffsOfTicketIn7Days > 0 )
                then
                end
                """;
        Ruleset ruleset = new RulesetCompiler().compile(List.of(new SourceFile("rules/t.drl", drl.getBytes(StandardCharsets.UTF_8))));

        assertThat(ruleset.matches(TicketHistory.class)).isTrue();
        assertThat(ruleset.matches(io.handoff.rulemodel.ContractGap.class)).isFalse();
    }

    private static DecisionService service(Ruleset ruleset, AtomicInteger reads) {
        return service(ruleset, reads, contract -> {
            reads.incrementAndGet();
            return BUSY;
        });
    }

    private static DecisionService service(Ruleset ruleset, AtomicInteger reads, HistorySource histories) {
        return new DecisionService(new ContractValidator(), RulesetRouting.fixed(() -> ruleset),
                Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC), DecisionRecorder.none(), new Masking(List.of()),
                DecisionPolicy.ENFORCE, HandoffLineage.NONE, null, EvaluationLimit.NONE, histories);
    }

    private static byte[] contract(String caseFile) throws Exception {
        JsonNode contract = YAMLMapper.builder().build().readTree(Files.readString(Path.of("rules/cases/" + caseFile))).get("contract");
        return DecisionJson.MAPPER.writeValueAsBytes(contract);
    }

    private static JsonNode withoutIds(JsonNode decision) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) decision.deepCopy();
        copy.remove("decisionId");
        return copy;
    }
}
