package io.handoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.handoff.ShippedRuleset;
import io.handoff.contract.ContractValidator;
import io.handoff.contract.HandoffContract;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * History is an input of the decision: the same contract with the same recorded history gives the same bytes, read
 * back from the recorded JSON it gives them again (what replay relies on), and without history a decision looks as it
 * did before history existed.
 */
class RecordedHistoryTest {
    private final DecisionService service = ShippedRuleset.service();

    @Test
    void theHistoryReadBackFromADecisionsJsonDecidesItAgainByteForByte() throws Exception {
        ContractValidator.Validated contract = contract("cs-061-ping-pong-from-history.yaml");
        HandoffHistory seen = HandoffHistory.of("T-1000", 3, 1, "support-tier2", 7, 2);
        Decision made = service.decide("d-1", contract, ShippedRuleset.ruleset(), seen);
        String json = DecisionJson.write(made);

        HandoffHistory recorded = HandoffHistory.recorded(DecisionJson.MAPPER.readTree(json));
        Decision again = service.decide("d-1", contract, ShippedRuleset.ruleset(), recorded);

        assertThat(recorded).isEqualTo(seen);
        assertThat(recorded.receiverBounceRate30Days()).isEqualTo(0.2857);
        assertThat(DecisionJson.write(again)).isEqualTo(json);
        assertThat(made.trace()).extracting(Decision.TraceEntry::ruleId).contains("GUARD-REL-011");
    }

    @Test
    void aDecisionWithoutHistoryHasNoHistoryFieldAndItsRulesSeeZeros() throws Exception {
        ContractValidator.Validated contract = contract("cs-061-ping-pong-from-history.yaml");
        Decision none = service.decide("d-2", contract, ShippedRuleset.ruleset());
        JsonNode json = DecisionJson.MAPPER.readTree(DecisionJson.write(none));

        assertThat(json.has("history")).isFalse();
        assertThat(HandoffHistory.recorded(json)).isNull();
        assertThat(none.trace()).extracting(Decision.TraceEntry::ruleId).doesNotContain("GUARD-REL-011");
        assertThat(none.outcome()).isEqualTo("accept");
    }

    private ContractValidator.Validated contract(String caseFile) throws Exception {
        JsonNode contract = YAMLMapper.builder().build().readTree(Files.readString(Path.of("rules/cases/" + caseFile))).get("contract");
        return new ContractValidator.Validated(contract, service.validator().mapper().treeToValue(contract, HandoffContract.class));
    }
}
