package io.handoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.handoff.ShippedRuleset;
import io.handoff.contract.ContractValidator;
import io.handoff.contract.HandoffContract;
import io.handoff.ruleset.CaseRunner;
import io.handoff.ruleset.RuleCase;
import tools.jackson.databind.json.JsonMapper;

/** The same contract on the same ruleset gives the same decision, on one thread or many. */
class DeterminismTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DecisionService service = ShippedRuleset.service();
    private final List<ContractValidator.Validated> contracts = CaseRunner.load(ShippedRuleset.RULES).stream()
            .map(RuleCase::contract)
            .filter(c -> service.validator().violations(c).isEmpty())
            .map(c -> new ContractValidator.Validated(c, service.validator().mapper().treeToValue(c, HandoffContract.class)))
            .toList();

    @Test
    void sameContractGivesByteIdenticalDecisionApartFromIdAndTime() {
        ContractValidator.Validated contract = contracts.get(2);
        String first = withoutIdentity(service.decide("id-1", contract, ShippedRuleset.ruleset()));
        String second = withoutIdentity(service.decide("id-2", contract, ShippedRuleset.ruleset()));
        assertThat(second).isEqualTo(first);
        assertThat(first).contains("\"trace\"").contains("\"sheet\":\"Gates\"");
    }

    @Test
    void thousandDecisionsOnEightThreadsEqualTheirOneThreadResults() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add(withoutIdentity(service.decide("seq-" + i, contracts.get(i % contracts.size()), ShippedRuleset.ruleset())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                ContractValidator.Validated contract = contracts.get(i % contracts.size());
                int n = i;
                futures.add(pool.submit(() -> withoutIdentity(service.decide("par-" + n, contract, ShippedRuleset.ruleset()))));
            }
            for (int i = 0; i < 1000; i++) {
                assertThat(futures.get(i).get()).as("decision %d", i).isEqualTo(expected.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected.stream().distinct().count()).isGreaterThan(30);
    }

    private static String withoutIdentity(Decision decision) {
        var node = JSON.valueToTree(decision);
        ((tools.jackson.databind.node.ObjectNode) node).remove(List.of("decisionId", "recordedAt"));
        return JSON.writeValueAsString(node);
    }
}
