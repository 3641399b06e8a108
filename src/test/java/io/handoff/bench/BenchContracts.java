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

    /**
     * The valid 1.0 case contracts. The 1.1 cases carry a fixed asOf, which the HTTP edge refuses as stale once it is
     * 15 minutes old (asof-stale): fed to a benchmark they are errors, not decisions (a run counted 7 % errors).
     */
    static List<JsonNode> caseContracts() {
        ContractValidator validator = new ContractValidator();
        return CaseRunner.load(Path.of("rules"), Path.of("decision-tables")).stream()
                .map(RuleCase::contract).filter(c -> "1.0".equals(c.path("schemaVersion").asString()))
                .filter(c -> validator.violations(c).isEmpty()).toList();
    }

    static byte[] bytes(JsonNode contract) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsBytes(contract);
    }

    static List<List<Handoff>> caseFacts() {
        ContractValidator validator = new ContractValidator();
        return caseContracts().stream().map(c -> List.of(HandoffFactsAccess.facts(validator, c))).toList();
    }
}
