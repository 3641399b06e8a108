package io.handoff.orchestration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditRecord;
import io.handoff.decision.Decided;
import io.handoff.decision.DecisionService;
import io.handoff.decision.HandoffHistory;
import io.handoff.decision.Redecision;
import io.handoff.decision.UnreadableRecordException;

/**
 * Recovery after a rollback: the open handoffs that still stand on a decision of the rolled-back version are decided
 * again on the active (stable) version, each as a recorded revision (the handoff's current decision is superseded; gates
 * the new decision no longer requires are closed as {@code superseded}, see {@link Openings}). Then every incident a
 * decision of the rolled-back version opened on such a handoff is resolved when the handoff no longer escalates, naming
 * both decisions. When no listed handoff stands on the rolled-back version any more, the ruleset incident is resolved.
 * Safe to call again: a handoff already re-decided is not decided twice, and its leftover incidents are still closed.
 */
public final class Recovery {
    private final Orchestrator orchestrator;
    private final RulesetIncidents incidents;
    private final HandoffStore store;
    private final AuditLog auditLog;
    private final DecisionService decisions;
    private final Supplier<String> activeVersion;
    private final Clock clock;

    public Recovery(Orchestrator orchestrator, AuditLog auditLog, DecisionService decisions, Supplier<String> activeVersion,
                    Clock clock) {
        this.orchestrator = orchestrator;
        this.incidents = orchestrator.rulesetIncidents();
        this.store = orchestrator.store();
        this.auditLog = auditLog;
        this.decisions = decisions;
        this.activeVersion = activeVersion;
        this.clock = clock;
    }

    /** What happened to one handoff: its revision (or why none was made), the incidents closed, the gates withdrawn. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Redecided(String contractId, String supersedes, String decisionId, String rulesetVersion, String outcome,
                            String posture, String handoffStatus, List<String> closedIncidents, List<String> withdrawnApprovals,
                            String skipped) {
    }

    /** The incident after the call, how many handoffs were re-decided and skipped, and each handoff's result. */
    public record Result(RulesetIncidents.Incident incident, int redecided, int skipped, List<Redecided> handoffs) {
    }

    /** Re-decides the open handoffs of a ruleset incident, as {@code actor} (an analyst or admin), saying why. */
    public Result redecide(String incidentId, Actor actor, String why) {
        // an unknown incident is 404 whatever the body says, as every other step on an id
        RulesetIncidents.Incident incident = incidents.find(incidentId)
                .orElseThrow(() -> OrchestrationException.notFound("unknown-incident", "no ruleset incident " + incidentId));
        if (why == null || why.isBlank()) {
            throw OrchestrationException.invalid("missing-who-or-why", "'reason' is required: say why the handoffs are re-decided");
        }
        String stable = activeVersion.get();
        if (stable.equals(incident.version())) {
            throw OrchestrationException.conflict("version-active-again", "version " + incident.version()
                    + " is active again: re-deciding would repeat its decisions");
        }
        List<AuditRecord> listed = incidents.decisions(incident);
        Set<String> bad = listed.stream().map(AuditRecord::decisionId).collect(Collectors.toSet());
        Map<String, AuditRecord> byContract = new LinkedHashMap<>();
        listed.forEach(r -> byContract.put(r.contractId(), r)); // the latest decision of the version per contract
        List<Redecided> results = new ArrayList<>();
        for (String contractId : byContract.keySet()) {
            results.add(redecideOne(contractId, incident, bad, actor, why));
        }
        int redecided = (int) results.stream().filter(r -> r.skipped() == null).count();
        boolean cleared = byContract.keySet().stream().map(store::handoff).flatMap(java.util.Optional::stream)
                .noneMatch(h -> !h.closed() && h.rulesetVersion().equals(incident.version()));
        if (cleared) {
            incidents.resolve(incidentId, actor.principal(), "re-decided on " + stable + " by " + actor.describe() + ": " + why
                    + " (" + redecided + " handoffs re-decided in this call, " + (results.size() - redecided) + " not)", clock.instant());
        }
        return new Result(incidents.find(incidentId).orElseThrow(), redecided, results.size() - redecided, results);
    }

    private Redecided redecideOne(String contractId, RulesetIncidents.Incident incident, Set<String> bad, Actor actor, String why) {
        HandoffState h = store.handoff(contractId).orElse(null);
        if (h == null) {
            return skipped(contractId, null, "no handoff (its decision opened none)");
        }
        String skipped = null;
        Decided made = null;
        if (h.closed()) {
            skipped = "handoff is " + h.status() + ": closed handoffs are not re-decided";
        } else if (!h.rulesetVersion().equals(incident.version())) {
            skipped = "already revised by decision " + h.decisionId() + " on " + h.rulesetVersion();
        } else {
            try {
                made = decisions.redecide(redecision(h, actor));
            } catch (RuntimeException e) { // handoff changed meanwhile, preflight refusal, timeout, team switched off
                return skipped(contractId, h.decisionId(), "not re-decided: " + e.getMessage());
            }
        }
        HandoffState now = store.handoff(contractId).orElseThrow();
        List<String> closed = closeWrongIncidents(now, incident, bad, actor, why);
        List<String> withdrawn = made == null ? List.of() : store.approvalsOf(h.decisionId()).stream()
                .filter(a -> ApprovalStatus.SUPERSEDED.is(a.status())).map(Records.Approval::approvalId).toList();
        if (made == null) {
            return new Redecided(contractId, null, h.decisionId(), h.rulesetVersion(), h.decisionOutcome(), h.posture(), h.status(),
                    closed, withdrawn, skipped);
        }
        return new Redecided(contractId, h.decisionId(), made.decision().decisionId(), made.decision().rulesetVersion(),
                made.decision().outcome(), made.decision().posture(), now.status(), closed, withdrawn, null);
    }

    private Redecision redecision(HandoffState h, Actor actor) {
        AuditRecord current = auditLog.find(h.decisionId()).orElseThrow(() -> new IllegalStateException(
                "decision " + h.decisionId() + " of handoff " + h.contractId() + " is not in the audit log"));
        return new Redecision(h.contractId(), UnreadableRecordException.contractOf(current), current.inputHash(), h.decisionId(),
                actor.principal(), HandoffHistory.recorded(current.record().get("decision")));
    }

    /**
     * Resolves the incidents that decisions of the rolled-back version opened on this handoff, when the handoff no longer
     * escalates (its current decision is not one of them, and it is neither escalated nor critical).
     */
    private List<String> closeWrongIncidents(HandoffState h, RulesetIncidents.Incident incident, Set<String> bad, Actor actor,
                                             String why) {
        if (bad.contains(h.decisionId()) || HandoffState.ESCALATED.equals(h.status()) || "critical".equals(h.posture())) {
            return List.of();
        }
        List<String> closed = new ArrayList<>();
        for (Records.Incident i : store.incidents(null, h.contractId(), 100)) {
            if (!IncidentStatus.RESOLVED.is(i.status()) && bad.contains(i.decisionId())) {
                orchestrator.resolve(i.incidentId(), "opened by decision " + i.decisionId() + " of ruleset " + incident.version()
                        + ", rolled back (" + incident.event() + "); re-decided as " + h.decisionId() + " on " + h.rulesetVersion()
                        + " (" + h.decisionOutcome() + ", " + h.posture() + "), which does not escalate: " + why, actor);
                closed.add(i.incidentId());
            }
        }
        return closed;
    }

    private static Redecided skipped(String contractId, String decisionId, String why) {
        return new Redecided(contractId, null, decisionId, null, null, null, null, List.of(), List.of(), why);
    }
}
