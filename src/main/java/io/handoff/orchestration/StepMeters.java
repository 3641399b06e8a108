package io.handoff.orchestration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.handoff.audit.AuditEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What orchestration does, for Prometheus: approvals opened and decided and their time to decision by approver role,
 * incidents opened and resolved by cause, outcomes by kind. Counted when the transaction that wrote them commits (a
 * rolled-back batch, retried record by record, counts once). Labels come from the rules (roles), the code (causes,
 * verdicts) and the API's closed set (outcome kinds): bounded.
 */
public final class StepMeters {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** {@code registry} null: counts nothing (tools, tests). */
    public StepMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public static StepMeters none() {
        return new StepMeters(null);
    }

    /** In the decision batch's transaction: the approvals it opened (pending) and the incidents. */
    void opened(Collection<Records.Approval> approvals, Collection<Records.Incident> incidents) {
        if (registry == null || approvals.isEmpty() && incidents.isEmpty()) {
            return;
        }
        List<String> roles = new ArrayList<>();
        approvals.stream().filter(a -> ApprovalStatus.PENDING.is(a.status())).forEach(a -> roles.add(a.approverRole()));
        List<String> causes = incidents.stream().map(Records.Incident::reason).toList();
        afterCommit(() -> {
            roles.forEach(role -> counter("handoff.approvals.opened", "approvals opened, by approver role", "role", role).increment());
            causes.forEach(this::incidentCounted);
        });
    }

    /** In a step's transaction: an incident opened outside a decision (retries exhausted). */
    void incidentOpened(String cause) {
        if (registry != null) {
            afterCommit(() -> incidentCounted(cause));
        }
    }

    /** In a step's transaction ({@link Steps#commit}): an approval decided, an incident resolved, an outcome reported. */
    void committed(String kind, String outcome, Object step) {
        if (registry == null) {
            return;
        }
        if (AuditEntry.APPROVAL.equals(kind) && step instanceof Records.Approval a && a.decidedAt() != null) {
            Duration waited = Duration.between(a.openedAt(), a.decidedAt());
            afterCommit(() -> {
                counter("handoff.approvals.decided", "approvals decided, by approver role and verdict", "role", a.approverRole(),
                        "verdict", outcome).increment();
                timer(a.approverRole()).record(waited.isNegative() ? Duration.ZERO : waited);
            });
        } else if (AuditEntry.INCIDENT.equals(kind) && step instanceof Records.Incident i && IncidentStatus.RESOLVED.is(i.status())) {
            afterCommit(() -> counter("handoff.incidents.resolved", "incidents resolved, by cause", "cause", i.reason()).increment());
        } else if (AuditEntry.OUTCOME.equals(kind) && step instanceof Records.OutcomeReport r) {
            afterCommit(() -> counter("handoff.outcomes", "outcomes reported, by kind", "kind", r.kind()).increment());
        }
    }

    private void incidentCounted(String cause) {
        counter("handoff.incidents.opened", "incidents opened, by cause", "cause", cause).increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + String.join("|", tags),
                key -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    private Timer timer(String role) {
        return timers.computeIfAbsent(role, r -> Timer.builder("handoff.approval.decision.time")
                .description("time from an approval opening to its decision, by approver role").tag("role", r).register(registry));
    }

    private static void afterCommit(Runnable count) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }
}
