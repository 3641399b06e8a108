package io.handoff.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.handoff.IncompleteRuleset;
import io.handoff.ShippedRuleset;
import io.handoff.engine.RuleSources;
import io.handoff.engine.RulesetCompiler;
import io.handoff.engine.SourceFile;

/**
 * Refusals of the candidate check that no case can show: a gate role nobody in the approver directory holds, and a
 * valid contract for which the ruleset reaches no outcome (found by the completeness probe).
 */
class CompletenessAndDirectoryTest {
    /** The development directory's roles, without budget-owner (as if sam-okafor and dev-approver lost it). */
    private static final Set<String> WITHOUT_BUDGET_OWNER = Set.of("incident-commander", "team-lead", "account-owner",
            "shift-lead", "release-manager", "product-lead", "engineering-lead", "data-science-lead");

    @Test
    void everyGateRoleIsFoundWithFileSheetRowAndColumn() {
        List<GateRoles.Required> roles = GateRoles.of(RuleSources.read(ShippedRuleset.RULES, ShippedRuleset.TABLES));
        assertThat(roles).contains(
                new GateRoles.Required("budget-owner", "budget", "decision-tables/gates.xlsx, sheet Gates, row 13, column E (Gate id, approver role)"),
                new GateRoles.Required("team-lead", "risk-review", "rules/verdict/outcome.drl, line 26"));
        Set<String> all = new TreeSet<>();
        roles.forEach(r -> all.add(r.role()));
        assertThat(GateRoles.uncovered(RuleSources.read(ShippedRuleset.RULES, ShippedRuleset.TABLES), all)).isEmpty();
    }

    @Test
    void aDrlGateIsFoundHoweverItIsWrittenAndANonLiteralRoleIsReported() {
        String drl = """
                package io.handoff.rules;
                import io.handoff.rulemodel.*;
                rule "split gate"
                when
                    Handoff( domain == "customer-support" )
                then
                    // new ApprovalGate("commented", "nobody") is not a gate
                    insert( new ApprovalGate(
                            "split",
                            "legal-counsel" ) );
                    insert( new ApprovalGate( "computed", "team" + "-lead" ) );
                end
                """;
        List<GateRoles.Required> roles = GateRoles.of(List.of(new SourceFile("rules/x.drl", drl.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(roles).containsExactly(
                new GateRoles.Required("legal-counsel", "split", "rules/x.drl, line 8"),
                new GateRoles.Required(null, "computed", "rules/x.drl, line 11"));
        assertThat(GateRoles.uncovered(List.of(new SourceFile("rules/x.drl", drl.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                Set.of("team-lead"))).containsExactly(
                "rules/x.drl, line 8: gate 'split' requires role 'legal-counsel', which no approver in the directory holds "
                        + "(handoff.orchestration.approvers.*; roles held: [team-lead])",
                "rules/x.drl, line 11: gate 'computed' names no approver role");
    }

    @Test
    void candidateCheckRefusesAGateRoleNoApproverHolds() {
        CheckReport report = new CandidateCheck(new RulesetCompiler()).run(ShippedRuleset.RULES, ShippedRuleset.TABLES,
                WITHOUT_BUDGET_OWNER, c -> { });
        assertThat(report.passed()).isFalse();
        assertThat(report.casesFailed()).isZero();
        assertThat(report.problems()).containsExactly(
                "decision-tables/gates.xlsx, sheet Gates, row 13, column E (Gate id, approver role): gate 'budget' requires role "
                        + "'budget-owner', which no approver in the directory holds (handoff.orchestration.approvers.*; roles held: "
                        + new TreeSet<>(WITHOUT_BUDGET_OWNER) + ")",
                "decision-tables/gates.xlsx, sheet Gates, row 16, column E (Gate id, approver role): gate 'budget' requires role "
                        + "'budget-owner', which no approver in the directory holds (handoff.orchestration.approvers.*; roles held: "
                        + new TreeSet<>(WITHOUT_BUDGET_OWNER) + ")");
    }

    @Test
    void candidateCheckRefusesARulesetWhereAValidContractReachesNoOutcome(@TempDir Path dir) throws Exception {
        IncompleteRuleset.copyTo(dir);
        CheckReport report = new CandidateCheck(new RulesetCompiler()).run(dir.resolve("rules"), dir.resolve("decision-tables"),
                null, c -> { });
        // every case passes: only the probe sees the hole
        assertThat(report.casesFailed()).isZero();
        assertThat(report.casesPassed()).isEqualTo(ShippedRuleset.caseCount());
        assertThat(report.passed()).isFalse();
        assertThat(report.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).satisfiesAnyOf(
                text -> assertThat(text).contains("/case/channel = \"social\"").contains("no outcome (no Verdict was inserted)"),
                text -> assertThat(text).endsWith("more probe contracts reached no outcome")));
        assertThat(report.problems().get(0)).startsWith("a valid contract reaches no outcome: customer-support / ");
    }
}
