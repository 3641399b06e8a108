package io.handoff.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.handoff.contract.HandoffContract;
import io.handoff.engine.Evaluation;
import io.handoff.engine.Evaluation.Inserted;
import io.handoff.engine.FiredRule;
import io.handoff.engine.RuleLocation;
import io.handoff.rulemodel.ApprovalGate;
import io.handoff.rulemodel.FinalPosture;
import io.handoff.rulemodel.GuardrailFinding;
import io.handoff.rulemodel.Outcome;
import io.handoff.rulemodel.Page;
import io.handoff.rulemodel.Urgency;
import io.handoff.rulemodel.Remediation;
import io.handoff.rulemodel.RetryPolicy;
import io.handoff.rulemodel.Route;
import io.handoff.rulemodel.Score;
import io.handoff.rulemodel.ScoreContribution;
import io.handoff.rulemodel.Verdict;

/** Builds a {@link Decision} from the outcome facts the fired rules inserted, each attributed to its rule. */
final class DecisionAssembler {
    static final String CAP_RULE = "ENGINE-FIRING-CAP";
    /** The rule id of the finding a decision gets when the ruleset left out its outcome, posture or route. */
    static final String INCOMPLETE_RULE = "ENGINE-RULESET-INCOMPLETE";
    static final String OVERSIGHT = "oversight";

    private DecisionAssembler() {
    }

    static Decision assemble(String decisionId, Instant recordedAt, HandoffContract contract, String inputHash,
                             Evaluation evaluation) {
        List<Decision.Finding> findings = new ArrayList<>(evaluation.inserted(GuardrailFinding.class).stream()
                .map(i -> new Decision.Finding(i.fact().getCategory(), i.fact().getAction(), i.fact().getPostureFloor(),
                        i.fact().getMessage(), i.by().ruleId()))
                .toList());
        String outcome;
        String posture;
        Optional<Inserted<Route>> chosen = last(evaluation, Route.class);
        if (evaluation.capped()) {
            // a looping rule: a deterministic escalation instead of a runaway evaluation
            findings.add(new Decision.Finding("cost", "budget-guard", "critical",
                    "evaluation stopped after " + evaluation.fired().size() + " rule firings", CAP_RULE));
            outcome = "escalate";
            posture = "critical";
        } else {
            Optional<Inserted<Verdict>> verdict = last(evaluation, Verdict.class);
            Optional<Inserted<FinalPosture>> finalPosture = last(evaluation, FinalPosture.class);
            List<String> missing = new ArrayList<>();
            verdict.ifPresentOrElse(v -> { }, () -> missing.add("no outcome (no Verdict was inserted)"));
            finalPosture.ifPresentOrElse(p -> { }, () -> missing.add("no posture (no FinalPosture was inserted)"));
            chosen.ifPresentOrElse(r -> { }, () -> missing.add("no route (no Route was inserted)"));
            if (missing.isEmpty()) {
                outcome = verdict.get().fact().getOutcome();
                posture = finalPosture.get().fact().getPosture();
            } else {
                // a ruleset that cannot complete this decision: oversight gets it, recorded, and the version is suspect
                findings.add(new Decision.Finding("reliability", "escalate", "critical",
                        Decision.RULESET_INCOMPLETE + ": the ruleset stated " + String.join(", ", missing), INCOMPLETE_RULE));
                outcome = "escalate";
                posture = "critical";
            }
        }
        int score = last(evaluation, Score.class).map(i -> i.fact().getTotal()).orElse(0);
        Decision.RouteChoice route = chosen
                .map(i -> new Decision.RouteChoice(i.fact().getQueue(), i.by().ruleId(), i.by().meta("reason")))
                .orElse(new Decision.RouteChoice(OVERSIGHT, INCOMPLETE_RULE, "the ruleset chose no route: oversight decides"));
        Decision.Retry retry = last(evaluation, RetryPolicy.class)
                .map(i -> new Decision.Retry(i.fact().getMaxAttempts(), i.fact().getBackoffSeconds(), i.by().ruleId()))
                .orElse(null);
        return new Decision(decisionId, recordedAt, contract.contractId(), contract.domain(), contract.handoffType(),
                contract.asOf(), evaluation.rulesetVersion(), inputHash, outcome, posture, score,
                evaluation.inserted(ScoreContribution.class).stream().map(i -> new Decision.Contribution(
                        i.by().ruleId(), i.fact().getPoints(), i.by().meta("reason"))).toList(),
                route,
                evaluation.inserted(ApprovalGate.class).stream().map(i -> new Decision.RequiredApproval(
                        i.fact().getGateId(), i.fact().getApproverRole(), i.by().meta("reason"), i.by().ruleId())).toList(),
                findings, retry,
                evaluation.inserted(Remediation.class).stream().map(i -> new Decision.RemediationItem(
                        i.fact().getPointer(),
                        i.fact().getMessage() != null ? i.fact().getMessage() : i.by().meta("reason"),
                        i.by().ruleId())).toList(),
                evaluation.fired().stream().map(DecisionAssembler::traceEntry).toList(), null, null, null,
                last(evaluation, Urgency.class).map(i -> new Decision.UrgencyLevel(i.fact().getLevel(), i.by().ruleId(),
                        i.by().meta("reason"))).orElse(null),
                last(evaluation, Page.class).map(i -> new Decision.Paging(i.fact().getMode(), i.fact().getTarget(),
                        i.by().ruleId(), i.by().meta("reason"))).orElse(null), null);
    }

    private static Decision.TraceEntry traceEntry(FiredRule rule) {
        RuleLocation at = rule.location();
        Decision.Source source = at == null ? null : new Decision.Source(at.file(), at.sheet(), at.row(), at.line());
        List<String> did = rule.inserted().stream()
                .map(fact -> fact instanceof Outcome outcome ? outcome.describe() : fact.getClass().getSimpleName())
                .toList();
        return new Decision.TraceEntry(rule.sequence(), rule.ruleId(), source, rule.meta("reason"), did);
    }

    private static <T> Optional<Inserted<T>> last(Evaluation evaluation, Class<T> type) {
        List<Inserted<T>> all = evaluation.inserted(type);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
