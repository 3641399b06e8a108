package io.handoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.handoff.contract.ContractValidator;
import io.handoff.engine.RuleSources;
import io.handoff.engine.Ruleset;
import io.handoff.engine.RulesetCompiler;

/** Past the per-decision firing cap the decision is a deterministic escalation with a budget-guard finding. */
class BudgetCapTest {
    @Test
    void evaluationStoppedAtTheFiringCapEscalatesWithABudgetGuardFinding() throws Exception {
        Ruleset capped = new RulesetCompiler(5).compile(RuleSources.read(Path.of("rules"), Path.of("decision-tables")));
        DecisionService service = new DecisionService(new ContractValidator(), () -> capped, Clock.systemUTC());
        byte[] contract = java.nio.file.Files.readAllBytes(Path.of("src/test/resources/contracts/pm-spec-to-engineering.json"));
        Decision first = service.decide(contract).decision();
        Decision second = service.decide(contract).decision();
        assertThat(first.outcome()).isEqualTo("escalate");
        assertThat(first.posture()).isEqualTo("critical");
        assertThat(first.trace()).hasSize(5);
        assertThat(first.guardrails()).anySatisfy(f -> {
            assertThat(f.action()).isEqualTo("budget-guard");
            assertThat(f.ruleId()).isEqualTo("ENGINE-FIRING-CAP");
        });
        assertThat(second.trace()).isEqualTo(first.trace());
    }
}
