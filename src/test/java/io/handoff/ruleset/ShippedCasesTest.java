package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.handoff.ShippedRuleset;
import io.handoff.engine.RuleLocation;

/** Runs every case kept next to the shipped rules; a failure names the case file and each differing field. */
class ShippedCasesTest {
    private static final List<RuleCase> CASES = CaseRunner.load(ShippedRuleset.RULES, ShippedRuleset.TABLES);
    private final CaseRunner runner = new CaseRunner(ShippedRuleset.service());

    @TestFactory
    Stream<DynamicTest> everyShippedCasePasses() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.file() + " (" + c.name() + ")", () -> {
            CaseResult result = runner.run(c, ShippedRuleset.ruleset());
            assertThat(result.mismatches()).as("case %s: %s", c.file(), c.name()).isEmpty();
        }));
    }

    @Test
    void casesCoverBothDomainsEveryOutcomeAndEveryGate() {
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(30);
        Set<String> outcomes = CASES.stream().map(c -> c.expect().outcome()).collect(Collectors.toSet());
        assertThat(outcomes).contains("accept", "accept-pending-approval", "return-to-sender", "escalate");
        Set<String> domains = CASES.stream().map(c -> c.contract().path("domain").asString()).collect(Collectors.toSet());
        assertThat(domains).containsExactlyInAnyOrder("customer-support", "product-management");
        Set<String> gateRules = new TreeSet<>();
        ShippedRuleset.ruleset().rules().keySet().stream().filter(id -> id.startsWith("GATE-")).forEach(gateRules::add);
        Set<String> firedByCases = CASES.stream().flatMap(c -> c.expect().fired().stream()).collect(Collectors.toSet());
        assertThat(firedByCases).as("every gate rule is expected to fire in some case").containsAll(gateRules);
    }

    @Test
    void aFailingCaseNamesTheFieldThatDiffers() {
        RuleCase original = CASES.stream().filter(c -> c.file().endsWith("cs-010-tier2-complete.yaml")).findFirst().orElseThrow();
        RuleCase.Expectation wrong = new RuleCase.Expectation("escalate", "green", "support-tier2", List.of(),
                List.of("GUARD-REL-010"), List.of(), null, null);
        CaseResult result = runner.run(new RuleCase(original.name(), original.file(), original.contract(), wrong),
                ShippedRuleset.ruleset());
        assertThat(result.passed()).isFalse();
        assertThat(result.mismatches()).extracting(CaseResult.Mismatch::field).containsExactly("outcome", "fired");
        assertThat(result.mismatches().get(0).toString()).isEqualTo("outcome: expected escalate, got accept");
    }

    @Test
    void everyShippedRuleHasAStableIdAndALocation() {
        ShippedRuleset.ruleset().rules().forEach((id, location) -> {
            assertThat(id).matches("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");
            assertThat(location).extracting(RuleLocation::file).isNotNull();
        });
        assertThat(ShippedRuleset.ruleset().warnings()).isEmpty();
    }
}
