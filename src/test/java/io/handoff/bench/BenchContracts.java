package io.handoff.bench;

import java.nio.file.Path;
import java.util.List;

import io.handoff.contract.ContractValidator;
import io.handoff.decision.HandoffFactsAccess;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.RuleCase;
import io.handoff.rulemodel.Handoff;
import tools.jackson.databind.JsonNode;

/** The contracts of the shipped cases, as the benchmarks feed them. */
final class BenchContracts {
    private BenchContracts() {
    }

    static List<JsonNode> caseContracts() {
        ContractValidator validator = new ContractValidator();
        return CaseRunner.load(Path.of("rules"), Path.of("decision-tables")).stream()
                .map(RuleCase::contract).filter(c -> validator.violations(c).isEmpty()).toList();
    }

    static byte[] bytes(JsonNode contract) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsBytes(contract);
    }

    static List<List<Handoff>> caseFacts() {
        ContractValidator validator = new ContractValidator();
        return caseContracts().stream().map(c -> List.of(HandoffFactsAccess.facts(validator, c))).toList();
    }
}
