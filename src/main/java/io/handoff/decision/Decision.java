package io.handoff.decision;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A decision about one handoff contract, with its evidence. The same contract on the same ruleset version
 * always gives the same decision; only {@code decisionId} and {@code recordedAt} differ.
 */
@JsonPropertyOrder({"decisionId", "recordedAt", "contractId", "domain", "handoffType", "asOf", "rulesetVersion",
        "inputHash", "outcome", "posture", "urgency", "score", "contributions", "route", "page", "approvals", "guardrails",
        "retryPolicy", "remediation", "trace", "rollout", "supersedes", "reopen", "history"})
public record Decision(
        String decisionId, Instant recordedAt, String contractId, String domain, String handoffType,
        OffsetDateTime asOf, String rulesetVersion, String inputHash, String outcome, String posture, int score,
        List<Contribution> contributions, RouteChoice route, List<RequiredApproval> approvals,
        List<Finding> guardrails, Retry retryPolicy, List<RemediationItem> remediation, List<TraceEntry> trace,
        @JsonInclude(JsonInclude.Include.NON_NULL) Rollout rollout,
        @JsonInclude(JsonInclude.Include.NON_NULL) String supersedes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Reopen reopen,
        @JsonInclude(JsonInclude.Include.NON_NULL) UrgencyLevel urgency,
        @JsonInclude(JsonInclude.Include.NON_NULL) Paging page,
        @JsonInclude(JsonInclude.Include.NON_NULL) HandoffHistory history) {

    /**
     * A decision without urgency, page or history: what rulesets without urgency rules decide outside the service's
     * records (their decisions, replayed, stay byte for byte what was recorded).
     */
    public Decision(String decisionId, Instant recordedAt, String contractId, String domain, String handoffType,
                    OffsetDateTime asOf, String rulesetVersion, String inputHash, String outcome, String posture, int score,
                    List<Contribution> contributions, RouteChoice route, List<RequiredApproval> approvals,
                    List<Finding> guardrails, Retry retryPolicy, List<RemediationItem> remediation, List<TraceEntry> trace,
                    Rollout rollout, String supersedes, Reopen reopen) {
        this(decisionId, recordedAt, contractId, domain, handoffType, asOf, rulesetVersion, inputHash, outcome, posture, score,
                contributions, route, approvals, guardrails, retryPolicy, remediation, trace, rollout, supersedes, reopen, null, null,
                null);
    }

    public Decision {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(posture, "posture");
        contributions = List.copyOf(contributions);
        approvals = List.copyOf(approvals);
        guardrails = List.copyOf(guardrails);
        remediation = List.copyOf(remediation);
        trace = List.copyOf(trace);
    }

    /** The same decision under the rollout mode that applied to it. */
    public Decision withRollout(Rollout applied) {
        return new Decision(decisionId, recordedAt, contractId, domain, handoffType, asOf, rulesetVersion, inputHash, outcome,
                posture, score, contributions, route, approvals, guardrails, retryPolicy, remediation, trace, applied, supersedes,
                reopen, urgency, page, history);
    }

    /**
     * The same decision as the next one in its handoff's life: {@code previous} is the decision it supersedes (null for
     * the first), {@code reopened} says who reopened a closed handoff and why (null unless it was closed).
     */
    public Decision continuing(String previous, Reopen reopened) {
        return new Decision(decisionId, recordedAt, contractId, domain, handoffType, asOf, rulesetVersion, inputHash, outcome,
                posture, score, contributions, route, approvals, guardrails, retryPolicy, remediation, trace, rollout, previous,
                reopened, urgency, page, history);
    }

    /**
     * The same decision with the history its rules saw (null: made without the service's records, as cases, simulate
     * and try are). A rule input, recorded so that replay gives the rules the same facts.
     */
    public Decision withHistory(HandoffHistory seen) {
        return new Decision(decisionId, recordedAt, contractId, domain, handoffType, asOf, rulesetVersion, inputHash, outcome,
                posture, score, contributions, route, approvals, guardrails, retryPolicy, remediation, trace, rollout, supersedes,
                reopen, urgency, page, seen);
    }

    /** The guardrail finding of a decision the ruleset could not complete (no outcome, posture or route). */
    public static final String RULESET_INCOMPLETE = "ruleset-incomplete";

    /** True when the ruleset left out the outcome, posture or route and the service escalated in its place. */
    public boolean incomplete() {
        return guardrails.stream().anyMatch(f -> f.message() != null && f.message().startsWith(RULESET_INCOMPLETE + ":")
                && DecisionAssembler.INCOMPLETE_RULE.equals(f.ruleId()));
    }

    /** False only in observe mode: the decision was made and recorded, but the caller proceeds regardless. */
    public boolean enforced() {
        return rollout == null || rollout.enforced();
    }

    /**
     * The rollout flag that applied: {@code mode} observe or enforce, from flag {@code flag} variant
     * {@code variant}, and why (which rule, which percentage bucket). Not a rule output: replay leaves it out.
     */
    public record Rollout(String mode, boolean enforced, String flag, String variant, String reason) {
    }

    /** A closed handoff reopened on purpose: by whom (the caller's principal) and why. Not a rule output. */
    public record Reopen(String by, String reason) {
        public Reopen {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Points one rule added to or took from the score. */
    public record Contribution(String ruleId, int points, String reason) {
    }

    public record RouteChoice(String queue, String ruleId, String reason) {
    }

    /**
     * How fast someone must act (low, normal, high, critical), apart from posture (how complete and safe the package
     * is); the rule that set it and why.
     */
    public record UrgencyLevel(String level, String ruleId, String reason) {
    }

    /** The on-call target paged about this handoff; {@code parallel}: now, alongside any approval gate. */
    public record Paging(String mode, String target, String ruleId, String reason) {
    }

    public record RequiredApproval(String gateId, String approverRole, String reason, String ruleId) {
    }

    public record Finding(String category, String action, String postureFloor, String message, String ruleId) {
    }

    public record Retry(int maxAttempts, int backoffSeconds, String ruleId) {
    }

    public record RemediationItem(String pointer, String message, String ruleId) {
    }

    /** One fired rule: order, id, where it is written, and what it did. */
    public record TraceEntry(int seq, String ruleId, Source source, String reason, List<String> did) {
        public TraceEntry {
            did = List.copyOf(did);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String file, String sheet, Integer row, Integer line) {
    }
}
