package io.handoff.orchestration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.handoff.audit.Alongside;
import io.handoff.decision.Decision;
import io.handoff.decision.ResubmissionException;

/**
 * The opening step: what a batch of recorded decisions opens, in the transaction that records them (the audit log's
 * group commit). A first decision opens its handoff, one pending approval per gate of an enforced decision awaiting
 * approval, and an incident when it escalates or is critical. A decision for a contract whose handoff is open is a
 * <em>revision</em>: it keeps the approvals given for gates it still requires (same gate id and approver role; a
 * pending one moves to it, an approved one is copied to it), closes as {@code superseded} the pending gates it no longer
 * requires, opens the new ones, and keeps the attempt count, failures and backoff, incidents and outcomes. A reopen (of
 * a closed handoff, on purpose) keeps the attempt count only. A checked opening refuses to land on a handoff that
 * changed since its decision was planned, or on a closed one it does not reopen: the whole write fails, nothing is
 * recorded. A few statements per batch for first decisions; a revision reads its predecessor's approvals.
 */
final class Openings implements Alongside {
    private final HandoffStore store;
    private final Notices notices;
    private final StepMeters meters;
    private final HistoryIndex history;

    Openings(HandoffStore store, Notices notices, StepMeters meters, HistoryIndex history) {
        this.history = history;
        this.store = store;
        this.notices = notices;
        this.meters = meters;
    }

    @Override
    public void writeAll(List<Object> payloads) {
        open(payloads.stream().map(Orchestrator.Opening.class::cast).toList());
    }

    /** What the batch writes at its end: new approval rows, changed stored rows, incidents and revision transitions. */
    private static final class Writes {
        final Map<String, Records.Approval> inserts = new LinkedHashMap<>();
        final Map<String, Records.Approval> updates = new LinkedHashMap<>();
        final Map<String, List<Records.Approval>> ofDecision = new LinkedHashMap<>();
        final List<Map.Entry<Records.Incident, String>> incidents = new ArrayList<>();
        final List<Map.Entry<String, Records.Transition>> transitions = new ArrayList<>();
    }

    void open(List<Orchestrator.Opening> batch) {
        Map<String, HandoffState> current = store.handoffs(batch.stream().map(o -> o.decision().contractId()).distinct().toList());
        Set<String> stored = new HashSet<>(current.keySet());
        Map<String, HandoffState> after = new LinkedHashMap<>();
        Writes writes = new Writes();
        for (Orchestrator.Opening opening : batch) {
            HandoffState before = current.get(opening.decision().contractId());
            if (opening.checked()) {
                check(opening.decision(), before);
            }
            HandoffState state = open(opening, before, writes);
            current.put(state.contractId(), state);
            after.put(state.contractId(), state);
        }
        store.updateApprovals(List.copyOf(writes.updates.values()));
        store.saveHandoffs(after.values().stream().filter(h -> stored.contains(h.contractId())).toList(),
                after.values().stream().filter(h -> !stored.contains(h.contractId())).toList());
        history.record(batch);
        store.insertApprovals(List.copyOf(writes.inserts.values()));
        store.insertIncidents(writes.incidents);
        writes.transitions.forEach(t -> store.insertTransition(t.getKey(), t.getValue()));
        notices.opened(batch, writes.inserts.values(), writes.incidents.stream().map(Map.Entry::getKey).toList());
        meters.opened(writes.inserts.values(), writes.incidents.stream().map(Map.Entry::getKey).toList());
    }

    /** The decision was planned on {@code supersedes}; the handoff must still stand there, and be open unless reopened. */
    private static void check(Decision d, HandoffState before) {
        String found = before == null ? null : before.decisionId();
        if (!Objects.equals(found, d.supersedes())) {
            throw ResubmissionException.changed(d.contractId(), d.supersedes(), found);
        }
        if (before != null && before.closed() && d.reopen() == null) {
            throw ResubmissionException.closed(d.contractId(), before.decisionId(), before.status());
        }
    }

    private HandoffState open(Orchestrator.Opening opening, HandoffState before, Writes writes) {
        Decision d = opening.decision();
        Instant at = d.recordedAt();
        boolean reopen = before != null && (before.closed() || d.reopen() != null);
        List<Records.Approval> prior = before == null ? List.of() : priorApprovals(before.decisionId(), writes);
        Gates gates = Gates.of(d, opening.enforced() && "accept-pending-approval".equals(d.outcome()));
        List<Records.Approval> opened = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Decision.RequiredApproval gate : gates.required()) {
            Records.Approval carried = reopen ? null : carried(prior, gate);
            Records.Approval row = carried == null
                    ? new Records.Approval(Orchestrator.derivedId(d.decisionId(), "approval", gate.gateId()), d.decisionId(),
                            d.contractId(), gate.gateId(), gate.approverRole(), gate.reason(), gate.ruleId(), ApprovalStatus.PENDING.wire(), at,
                            null, null, null, null, null)
                    : keep(carried, d, gate);
            if (carried != null) {
                kept.add(gate.gateId() + " (" + carried.status() + ")");
            }
            boolean stored = carried != null && ApprovalStatus.PENDING.is(carried.status()) && !writes.inserts.containsKey(carried.approvalId());
            (stored ? writes.updates : writes.inserts).put(row.approvalId(), row);
            opened.add(row);
        }
        for (Records.Approval p : prior) {
            if (ApprovalStatus.PENDING.is(p.status()) && opened.stream().noneMatch(o -> o.approvalId().equals(p.approvalId()))) {
                if (writes.inserts.remove(p.approvalId()) == null) { // opened earlier in this batch: never written at all
                    writes.updates.put(p.approvalId(), new Records.Approval(p.approvalId(), p.decisionId(), p.contractId(),
                            p.gateId(), p.approverRole(), p.reason(), p.ruleId(), ApprovalStatus.SUPERSEDED.wire(), p.openedAt(), null, null, null,
                            "superseded by decision " + d.decisionId() + ", which does not require this gate", at));
                }
            }
        }
        writes.ofDecision.put(d.decisionId(), opened);
        HandoffState state = Revision.state(opening, before, reopen, opened, kept, writes.transitions);
        if (opening.enforced() && ("escalate".equals(d.outcome()) || "critical".equals(d.posture()))) {
            String reason = "escalate".equals(d.outcome()) ? "escalated" : "critical-posture";
            writes.incidents.add(incident(d, reason, state.posture(), at));
        } else if (Revision.exhausted(state, before)) {
            writes.incidents.add(incident(d, "retries-exhausted", state.posture(), at));
        }
        return state;
    }

    private List<Records.Approval> priorApprovals(String decisionId, Writes writes) {
        List<Records.Approval> inBatch = writes.ofDecision.get(decisionId);
        return inBatch != null ? inBatch : store.approvalsOf(decisionId);
    }

    /** A prior approval this gate keeps: same gate, same approver role, pending or approved (a rejection is not kept). */
    private static Records.Approval carried(List<Records.Approval> prior, Decision.RequiredApproval gate) {
        return prior.stream().filter(p -> p.gateId().equals(gate.gateId()) && p.approverRole().equals(gate.approverRole())
                && (ApprovalStatus.PENDING.is(p.status()) || ApprovalStatus.APPROVED.is(p.status()))).findFirst().orElse(null);
    }

    /** A pending approval moves to the revision (same id: links to it keep working); an approved one is copied to it. */
    private static Records.Approval keep(Records.Approval p, Decision d, Decision.RequiredApproval gate) {
        if (ApprovalStatus.PENDING.is(p.status())) {
            return new Records.Approval(p.approvalId(), d.decisionId(), d.contractId(), p.gateId(), p.approverRole(),
                    gate.reason(), gate.ruleId(), ApprovalStatus.PENDING.wire(), p.openedAt(), null, null, null, null, null);
        }
        return new Records.Approval(Orchestrator.derivedId(d.decisionId(), "approval", gate.gateId()), d.decisionId(),
                d.contractId(), p.gateId(), p.approverRole(), gate.reason(), gate.ruleId(), ApprovalStatus.APPROVED.wire(), p.openedAt(),
                p.decidedBy(), p.onBehalfOf(), p.decidedRole(), "kept from decision " + p.decisionId() + ": gate still required", p.decidedAt());
    }

    /** {@code posture}: where the handoff stands as it opens (a revision escalating on old failures is critical). */
    private static Map.Entry<Records.Incident, String> incident(Decision d, String reason, String posture, Instant at) {
        return Map.entry(new Records.Incident(Orchestrator.derivedId(d.decisionId(), "incident", reason), d.contractId(),
                d.decisionId(), reason, IncidentStatus.OPEN.wire(), posture, at, null, null, null, null, null, null, null), IncidentStep.snapshot(reason, at, d.decisionId()));
    }

    /** The gates a decision requires, one per gate id (the first rule that asked for it); none unless it is gated. */
    private record Gates(List<Decision.RequiredApproval> required) {
        static Gates of(Decision d, boolean gated) {
            if (!gated) {
                return new Gates(List.of());
            }
            Map<String, Decision.RequiredApproval> first = new LinkedHashMap<>();
            d.approvals().forEach(a -> first.putIfAbsent(a.gateId(), a));
            return new Gates(List.copyOf(first.values()));
        }
    }
}
