package io.handoff.orchestration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.handoff.audit.AuditRecord;
import tools.jackson.databind.JsonNode;

/**
 * A handoff's posture timeline, composed when read: one entry per recorded decision for the contract, taken from
 * the audit log where the decision already is (so recording a decision writes no second row for it), merged in
 * time order with the transitions its later steps stored (approvals, attempts, incidents, outcomes). A decision's
 * entry goes from wherever the entry before it left the handoff.
 */
final class PostureTimeline {
    private PostureTimeline() {
    }

    /** {@code decisions}: the contract's decision records, oldest first; {@code steps}: its stored step transitions. */
    static List<Records.Transition> compose(List<AuditRecord> decisions, List<Records.Transition> steps) {
        Map<String, Integer> order = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (AuditRecord record : decisions) {
            order.put(record.decisionId(), order.size());
            entries.add(new Entry(record, null, order.size() - 1, 0));
        }
        for (Records.Transition step : steps) {
            if (step.recordId().equals(step.decisionId())) {
                continue; // written by earlier versions for the decision itself; the decision now comes from the log
            }
            entries.add(new Entry(null, step, order.getOrDefault(step.decisionId(), -1), 1));
        }
        // by time; at the same millisecond, steps of an earlier decision before a later decision, a decision before its steps
        entries.sort(Comparator.comparing(Entry::at).thenComparingInt(Entry::decisionIndex).thenComparingInt(Entry::kind));
        List<Records.Transition> timeline = new ArrayList<>(entries.size());
        Records.Transition previous = null;
        for (Entry entry : entries) {
            Records.Transition transition = entry.step() != null ? entry.step() : ofDecision(entry.decision(), previous);
            timeline.add(transition);
            previous = transition;
        }
        return timeline;
    }

    private static Records.Transition ofDecision(AuditRecord record, Records.Transition previous) {
        JsonNode decision = record.record() == null ? null : record.record().path("decision");
        JsonNode rollout = decision == null ? null : decision.get("rollout");
        boolean enforced = rollout == null || rollout.isNull() || rollout.path("enforced").asBoolean(true);
        String status = enforced ? HandoffState.statusOf(record.outcome()) : HandoffState.OBSERVED;
        String supersedes = decision == null || !decision.path("supersedes").isString() ? null : decision.get("supersedes").asString();
        JsonNode reopen = decision == null ? null : decision.get("reopen");
        String lineage = supersedes == null ? "" : (reopen == null || reopen.isNull() ? ", revision superseding " : ", reopened by "
                + reopen.path("by").asString() + " (" + reopen.path("reason").asString() + "), superseding ") + supersedes;
        return new Records.Transition(record.decisionId(), record.decisionId(), previous == null ? null : previous.toStatus(),
                status, previous == null ? null : previous.toPosture(), record.posture(),
                "decision " + record.decisionId() + ": outcome " + record.outcome() + ", posture " + record.posture()
                        + (enforced ? "" : " (observe mode: not enforced)") + lineage, record.recordedAt(), supersedes);
    }

    private record Entry(AuditRecord decision, Records.Transition step, int decisionIndex, int kind) {
        java.time.Instant at() {
            return decision != null ? decision.recordedAt() : step.at();
        }
    }
}
