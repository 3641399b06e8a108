package io.handoff.orchestration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.handoff.audit.Alongside;
import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditLog;
import io.handoff.audit.AuditQuery;
import io.handoff.audit.AuditRecord;
import io.handoff.contract.HandoffContract;
import io.handoff.decision.Decision;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries a handoff from its decision to its end. A decision opens its approvals (one per gate) and, when it
 * escalates or is critical, an incident, in the same transaction as the decision's record. Every later step
 * (an approval decided, an attempt, an incident acknowledged or resolved, an outcome) takes the audit chain's
 * head lock first, changes state, and appends its own audit record in the same transaction: log and state
 * never disagree, and every writer on every instance is ordered by that one lock, so no approval is decided
 * twice. A refused step (wrong role, four eyes) is recorded too, then refused.
 */
public final class Orchestrator {
    static final Set<String> ATTEMPT_RESULTS = Set.of("delivered", "refused-by-receiver", "timed-out", "error");
    static final Set<String> OUTCOME_KINDS = Set.of("accepted", "bounced-back", "reopened", "sla-breached", "resolved");
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final HandoffStore store;
    private final TransactionTemplate transactions;
    private final AuditLog auditLog;
    private final Clock clock;
    private final OrchestrationProperties properties;
    private final Openings openings;

    public Orchestrator(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog auditLog, Clock clock,
                        OrchestrationProperties properties) {
        this.store = new HandoffStore(jdbc);
        this.openings = new Openings(store);
        this.transactions = transactions;
        this.auditLog = auditLog;
        this.clock = clock;
        this.properties = properties;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public OrchestrationProperties properties() {
        return properties;
    }

    // ------------------------------------------------------------------ opening (in the decision's transaction)

    /**
     * What one recorded decision opens; {@code enforced} false (observe mode): tracked, nothing opened. {@code checked}:
     * the decision was planned on where its handoff stood (what it supersedes, a reopen), and must not land elsewhere.
     * {@code submittedBy}: the principal that submitted the decision, its sender for four eyes (null outside the API).
     */
    public record Opening(Decision decision, HandoffContract contract, boolean enforced, boolean checked, String submittedBy) {
        /** An unchecked opening: the decision supersedes whatever its handoff's current decision is (tests, benchmarks). */
        public Opening(Decision decision, HandoffContract contract, boolean enforced) {
            this(decision, contract, enforced, false, null);
        }
    }

    /**
     * Writes what a batch of recorded decisions opens, in the transaction that records them (the audit log's group
     * commit): see {@link Openings}. (The timeline's entry for the decision is the decision's own audit record: see
     * {@link PostureTimeline}.)
     */
    public Alongside openings() {
        return openings;
    }

    /**
     * Ids derived from the decision, so the same decision can never open the same thing twice. They keep the
     * decision id's time-ordered high half (a UUIDv7 for decisions this service made) and take the low half from a
     * name-based hash of what is opened: the approvals and incidents of consecutive decisions land next to each other
     * in their primary-key index instead of on random pages, which every group commit would rewrite.
     */
    static String derivedId(String decisionId, String what, String key) {
        UUID name = UUID.nameUUIDFromBytes((decisionId + "/" + what + "/" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            return new UUID(UUID.fromString(decisionId).getMostSignificantBits(), name.getLeastSignificantBits()).toString();
        } catch (IllegalArgumentException notAUuid) {
            return name.toString();
        }
    }

    private String openIncident(HandoffState state, String reason, Instant at) {
        String id = derivedId(state.decisionId(), "incident", reason);
        store.insertIncident(new Records.Incident(id, state.contractId(), state.decisionId(), reason, "open", at, null, null,
                null, null, null, null, null), snapshot(reason, at, state.decisionId()));
        return id;
    }

    /**
     * Why and when the incident opened, and on which decision; the packet itself is composed when read, from the
     * audit log (the decision, its trace) and the current state (gates, attempts), so nothing is stored twice.
     */
    static String snapshot(String reason, Instant at, String decisionId) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("reason", reason);
        snapshot.put("openedAt", at.toString());
        snapshot.put("decisionId", decisionId);
        return JSON.writeValueAsString(snapshot);
    }

    // ------------------------------------------------------------------ approvals

    public List<Records.Approval> approvals(String role, String status, int limit) {
        return store.approvals(role, status, limit);
    }

    public List<Records.Approval> approvalsOfDecision(String decisionId) {
        return store.approvalsOf(decisionId);
    }

    /** When the oldest handoff still tracked was decided, for scorecards over time. */
    public Optional<Instant> firstDecidedAt() {
        return store.firstDecidedAt();
    }

    public Optional<Records.Approval> approval(String id) {
        return store.approval(id);
    }

    /**
     * Approves or rejects one gate for {@code actor}. Only an approver holding the gate's role in the approver
     * directory (the principal, or the person a delegate acts for) may decide it, never one who sent the handoff
     * (four eyes, by principal: see {@link #sender}), and only once. {@code role} may be left out: the gate's role.
     * All gates approved: the handoff is accepted (posture green). One rejection: it goes back to the sender and the
     * other pending gates are cancelled.
     */
    public Records.StepResult decideApproval(String approvalId, String verdict, String role, String comment, Actor actor) {
        if (!"approve".equals(verdict) && !"reject".equals(verdict)) {
            throw OrchestrationException.invalid("invalid-verdict", "decision must be 'approve' or 'reject'");
        }
        return step(() -> {
            Records.Approval approval = store.approval(approvalId)
                    .orElseThrow(() -> OrchestrationException.notFound("unknown-approval", "no approval " + approvalId));
            HandoffState h = store.handoff(approval.contractId()).orElseThrow();
            String asRole = role == null || role.isBlank() ? approval.approverRole() : role;
            Instant at = now();
            String refusal = null;
            String code = null;
            String sender = sender(h, actor);
            if (sender != null) {
                code = "four-eyes";
                refusal = "the sender of a handoff may not decide its gates (four eyes): " + sender + " sent " + h.contractId();
            } else if (!approval.approverRole().equals(asRole) || !properties.holds(actor.actingAs(), asRole)) {
                code = "wrong-approver-role";
                refusal = !approval.approverRole().equals(asRole)
                        ? "gate " + approval.gateId() + " needs role " + approval.approverRole() + ", not " + asRole
                        : "approver " + actor.actingAs() + " does not hold role " + asRole + " in the approver directory";
            }
            if (code != null) {
                Map<String, Object> body = body(AuditEntry.APPROVAL, h, actor, at);
                body.put("approvalId", approvalId);
                body.put("gateId", approval.gateId());
                body.put("verdict", verdict);
                body.put("role", asRole);
                body.put("refused", code);
                body.put("reason", refusal);
                throw new OrchestrationException(403, code, refusal,
                        entry(AuditEntry.APPROVAL, "refused", h, h.posture(), at, body, List.of(approval.gateId())));
            }
            if (!"pending".equals(approval.status())) {
                throw OrchestrationException.conflict("approval-already-decided",
                        "approval " + approvalId + " is already " + approval.status());
            }
            String status = "approve".equals(verdict) ? "approved" : "rejected";
            if (!store.decideApproval(approvalId, status, actor, asRole, comment, at)) {
                throw OrchestrationException.conflict("approval-already-decided", "approval " + approvalId + " was decided first");
            }
            HandoffState after = h;
            String cause = null;
            if ("rejected".equals(status)) {
                store.cancelPending(approval.decisionId(), "cancelled", "gate " + approval.gateId() + " was rejected", at);
                after = h.with(HandoffState.RETURNED, h.posture(), at);
                cause = "gate " + approval.gateId() + " rejected by " + actor.describe() + (comment == null ? "" : ": " + comment);
            } else if (store.approvalsOf(approval.decisionId()).stream().allMatch(a -> "approved".equals(a.status()))) {
                after = h.with(HandoffState.ACCEPTED, "green", at);
                cause = "every gate approved (last: " + approval.gateId() + " by " + actor.describe() + ")";
            }
            Records.Approval decided = store.approval(approvalId).orElseThrow();
            Map<String, Object> body = body(AuditEntry.APPROVAL, h, actor, at);
            body.put("approval", decided);
            return commit(AuditEntry.APPROVAL, status, h, after, cause, at, body, List.of(approval.gateId()), decided,
                    null, null, null);
        });
    }

    /**
     * Which identity of the step sent the handoff, or null: the principal that submitted its decision, and the
     * contract's {@code from.actor} when that names an approver directory id (free text naming nobody in the
     * directory is no identity). Admins are no exception.
     */
    private String sender(HandoffState h, Actor actor) {
        String namedSender = properties.directoryId(h.senderActor()).orElse(null);
        for (String id : actor.identities()) {
            if (id.equals(h.submittedBy()) || id.equalsIgnoreCase(namedSender)) {
                return id;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ attempts

    /**
     * Records one attempt to carry the handoff out. Failures past the decision's retry policy escalate (the
     * reliability guardrail): posture critical and an incident for oversight. Idempotent by {@code attemptId}. An attempt
     * before the next allowed time (the service's clock against the backoff of the last failure) is refused:
     * {@link TooEarlyException}. Attempt numbers continue across revisions of the handoff: the highest stored one plus one.
     */
    public Records.StepResult recordAttempt(String contractId, String attemptId, String result, Instant at, String detail,
                                            String caller) {
        if (!ATTEMPT_RESULTS.contains(result == null ? "" : result)) {
            throw OrchestrationException.invalid("invalid-attempt-result", "result must be one of " + ATTEMPT_RESULTS.stream().sorted().toList());
        }
        if (at == null) {
            throw OrchestrationException.invalid("missing-attempt-time", "at (ISO-8601 instant of the attempt) is required");
        }
        if (attemptId != null && (attemptId.isBlank() || attemptId.length() > 64)) {
            throw OrchestrationException.invalid("invalid-attempt-id", "attemptId must be 1 to 64 characters");
        }
        if (detail != null && detail.length() > 2000) {
            throw OrchestrationException.invalid("attempt-detail-too-long", "detail must be at most 2000 characters");
        }
        return step(() -> {
            if (attemptId != null) {
                Optional<Records.Attempt> seen = store.attempt(attemptId);
                if (seen.isPresent()) {
                    if (!seen.get().contractId().equals(contractId) || !seen.get().result().equals(result)) {
                        throw OrchestrationException.conflict("attempt-id-reused", "attemptId " + attemptId + " was already used for another attempt");
                    }
                    HandoffState h = store.handoff(contractId).orElseThrow();
                    return new Records.StepResult(null, seen.get(), h, null, null, h.nextAttemptAt(),
                            Math.max(0, h.maxAttempts() - h.failures()), true);
                }
            }
            HandoffState h = store.handoff(contractId)
                    .orElseThrow(() -> OrchestrationException.notFound("unknown-handoff", "no decision for contract " + contractId));
            if (!h.deliverable()) {
                throw OrchestrationException.conflict("not-deliverable", "handoff " + contractId + " is " + h.status()
                        + "; attempts are recorded only when it is accepted (every gate approved) or retrying");
            }
            Instant recordedAt = now();
            if (h.nextAttemptAt() != null && recordedAt.isBefore(h.nextAttemptAt())) {
                throw new TooEarlyException(contractId, h.nextAttemptAt(), recordedAt);
            }
            int number = Math.max(h.attempts(), store.lastAttemptNo(contractId)) + 1;
            Records.Attempt attempt = new Records.Attempt(attemptId == null ? UUID.randomUUID().toString() : attemptId,
                    contractId, h.decisionId(), number, result, detail, at, recordedAt);
            store.insertAttempt(attempt);
            HandoffState after;
            String cause = null;
            String incidentId = null;
            if ("delivered".equals(result)) {
                after = h.withAttempts(number, h.failures(), null).with(HandoffState.DELIVERED, h.posture(), recordedAt);
                cause = "delivered on attempt " + number;
            } else {
                int failures = h.failures() + 1;
                if (failures >= h.maxAttempts()) {
                    after = h.withAttempts(number, failures, null).with(HandoffState.ESCALATED, "critical", recordedAt);
                    cause = failures + " failed attempts exhausted the retry policy (" + h.maxAttempts()
                            + " attempts): reliability guardrail escalates to oversight";
                    incidentId = openIncident(after, "retries-exhausted", recordedAt);
                } else {
                    Instant next = at.plusSeconds((long) h.backoffSeconds() << Math.min(failures - 1, 20));
                    after = h.withAttempts(number, failures, next).with(HandoffState.RETRYING, h.posture(), recordedAt);
                    if (!HandoffState.RETRYING.equals(h.status())) {
                        cause = "attempt " + number + " failed (" + result + "); retrying";
                    }
                }
            }
            Map<String, Object> body = body(AuditEntry.ATTEMPT, h, Actor.of(caller), recordedAt);
            body.put("attempt", attempt);
            body.put("failures", after.failures());
            body.put("maxAttempts", after.maxAttempts());
            if (incidentId != null) {
                body.put("incidentId", incidentId);
            }
            return commit(AuditEntry.ATTEMPT, result, h, after, cause, recordedAt, body, List.of(), attempt, incidentId,
                    after.nextAttemptAt(), Math.max(0, after.maxAttempts() - after.failures()));
        });
    }

    // ------------------------------------------------------------------ incidents

    public List<Records.Incident> incidents(String status, String contractId, int limit) {
        return store.incidents(status, contractId, limit);
    }

    public Optional<Records.Incident> incident(String id) {
        return store.incident(id);
    }

    public Records.StepResult acknowledge(String incidentId, String note, Actor actor) {
        return incidentStep(incidentId, note, actor, false);
    }

    public Records.StepResult resolve(String incidentId, String resolution, Actor actor) {
        return incidentStep(incidentId, resolution, actor, true);
    }

    private Records.StepResult incidentStep(String incidentId, String why, Actor actor, boolean resolve) {
        if (why == null || why.isBlank()) {
            throw OrchestrationException.invalid("missing-who-or-why", "'" + (resolve ? "resolution" : "note")
                    + "' is required: oversight says why it acted (who acted is the authenticated caller)");
        }
        return step(() -> {
            Records.Incident incident = store.incident(incidentId)
                    .orElseThrow(() -> OrchestrationException.notFound("unknown-incident", "no incident " + incidentId));
            HandoffState h = store.handoff(incident.contractId()).orElseThrow();
            Instant at = now();
            boolean changed = resolve ? store.resolve(incidentId, actor, why, at) : store.acknowledge(incidentId, actor, at);
            if (!changed) {
                throw OrchestrationException.conflict("incident-" + incident.status(), "incident " + incidentId + " is already "
                        + incident.status());
            }
            HandoffState after = h;
            String cause = null;
            if (resolve && h.decisionId().equals(incident.decisionId())) {
                after = h.with(HandoffState.RESOLVED, h.posture(), at);
                cause = "incident " + incident.reason() + " resolved by " + actor.describe() + ": " + why;
            }
            Records.Incident now = store.incident(incidentId).orElseThrow();
            Map<String, Object> body = body(AuditEntry.INCIDENT, h, actor, at);
            body.put("incident", now);
            return commit(AuditEntry.INCIDENT, resolve ? "resolved" : "acknowledged", h, after, cause, at, body, List.of(),
                    now, incidentId, null, null);
        });
    }

    /**
     * The packet oversight gets: the masked contract, violations, the fired rules with file/sheet/row, the
     * ruleset version, failed gates and the retry history, as they stand now.
     */
    public Optional<ObjectNode> packet(String incidentId) {
        return store.incident(incidentId).map(incident -> {
            ObjectNode packet = JSON.createObjectNode();
            packet.putPOJO("incident", incident);
            Optional<AuditRecord> record = auditLog.find(incident.decisionId());
            JsonNode body = record.map(AuditRecord::record).orElse(null);
            JsonNode decision = body == null ? null : body.get("decision");
            packet.put("contractId", incident.contractId());
            packet.put("decisionId", incident.decisionId());
            packet.put("rulesetVersion", record.map(AuditRecord::rulesetVersion).orElse(null));
            packet.put("auditSeq", record.map(AuditRecord::seq).orElse(null));
            packet.put("auditHash", record.map(AuditRecord::hash).orElse(null));
            if (decision != null) {
                packet.put("outcome", decision.path("outcome").asString());
                packet.put("posture", decision.path("posture").asString());
                packet.put("score", decision.path("score").asInt());
                ObjectNode violations = packet.putObject("violations");
                violations.set("guardrails", decision.get("guardrails"));
                violations.set("remediation", decision.get("remediation"));
                var trace = packet.putArray("trace");
                for (JsonNode fired : decision.path("trace")) {
                    ObjectNode ref = trace.addObject();
                    ref.put("decisionId", incident.decisionId());
                    ref.put("seq", fired.path("seq").asInt());
                    ref.put("ruleId", fired.path("ruleId").asString());
                    ref.set("source", fired.get("source"));
                    ref.set("did", fired.get("did"));
                }
            }
            packet.set("contract", body == null ? null : body.get("contract"));
            packet.set("maskedPointers", body == null ? null : body.get("maskedPointers"));
            packet.putPOJO("failedGates", store.approvalsOf(incident.decisionId()).stream()
                    .filter(a -> !"approved".equals(a.status())).toList());
            packet.putPOJO("retryHistory", store.attemptsOf(incident.contractId()));
            return packet;
        });
    }

    // ------------------------------------------------------------------ outcomes

    /**
     * Records what happened after a handoff, joined to the decision in force when it happened. The same report
     * twice (contract, kind, occurredAt) is answered with the first, marked duplicate, and recorded once.
     */
    public Records.StepResult reportOutcome(String contractId, String kind, Instant occurredAt, String note, String caller) {
        if (!OUTCOME_KINDS.contains(kind == null ? "" : kind)) {
            throw OrchestrationException.invalid("invalid-outcome-kind", "kind must be one of " + OUTCOME_KINDS.stream().sorted().toList());
        }
        if (contractId == null || contractId.isBlank() || occurredAt == null) {
            throw OrchestrationException.invalid("missing-outcome-field", "contractId and occurredAt are required");
        }
        Instant occurred = occurredAt.truncatedTo(ChronoUnit.MILLIS);
        return step(() -> {
            HandoffState h = store.handoff(contractId)
                    .orElseThrow(() -> OrchestrationException.notFound("unknown-handoff", "no decision for contract " + contractId));
            Optional<Records.OutcomeReport> seen = store.outcome(contractId, kind, occurred);
            if (seen.isPresent()) {
                return new Records.StepResult(null, seen.get(), h, null, null, null, null, true);
            }
            String decisionId = decisionInForce(h, occurred);
            Instant at = now();
            Records.OutcomeReport report = new Records.OutcomeReport(UUID.randomUUID().toString(), contractId, decisionId, kind,
                    occurred, note, caller, at);
            store.insertOutcome(report);
            Map<String, Object> body = body(AuditEntry.OUTCOME, h, Actor.of(caller), at);
            body.put("report", report);
            return commit(AuditEntry.OUTCOME, kind, h, h, null, at, body, List.of(), report, null, null, null);
        });
    }

    /** The latest decision of the contract recorded at or before the instant; the current one if none is older. */
    private String decisionInForce(HandoffState h, Instant occurredAt) {
        if (!h.decidedAt().isAfter(occurredAt)) {
            return h.decisionId();
        }
        return auditLog.search(new AuditQuery(h.contractId(), null, null, null, null, null, null, null, occurredAt.plusMillis(1),
                        null).ofKind(AuditEntry.DECISION), 1).stream()
                .map(AuditRecord::decisionId).findFirst().orElse(h.decisionId());
    }

    // ------------------------------------------------------------------ handoff views

    public Optional<HandoffState> handoff(String contractId) {
        return store.handoff(contractId);
    }

    public Optional<Records.Timeline> timeline(String contractId) {
        return store.handoff(contractId).map(h -> new Records.Timeline(h, timelineOf(contractId)));
    }

    /** The decisions for the contract from the log, with the transitions of its steps: see {@link PostureTimeline}. */
    private List<Records.Transition> timelineOf(String contractId) {
        List<AuditRecord> decisions = new ArrayList<>();
        auditLog.stream(new AuditQuery(contractId, null, null, null, null, null, null, null, null, null)
                .ofKind(AuditEntry.DECISION), decisions::add);
        return PostureTimeline.compose(decisions, store.timeline(contractId));
    }

    /** The outcome report of one handoff: decision, approvals, attempts, incidents, outcomes and timeline in one document. */
    public Optional<ObjectNode> report(String contractId) {
        return store.handoff(contractId).map(h -> {
            ObjectNode report = JSON.createObjectNode();
            report.putPOJO("handoff", h);
            JsonNode decision = auditLog.find(h.decisionId()).map(r -> r.record().get("decision")).orElse(null);
            report.set("decision", decision);
            report.putPOJO("approvals", store.approvalsOfContract(contractId));
            report.putPOJO("attempts", store.attemptsOf(contractId));
            report.putPOJO("incidents", store.incidents(null, contractId, 100));
            report.putPOJO("outcomes", store.outcomesOf(contractId));
            report.putPOJO("timeline", timelineOf(contractId));
            return report;
        });
    }

    // ------------------------------------------------------------------ scorecard and tuning

    /** The metrics file as analysts left it; a mistake comes back naming the file and the metric, not as a 500 trace. */
    public MetricDefinitions metricDefinitions() {
        try {
            return MetricDefinitions.read(java.nio.file.Path.of(properties.metricsFile()));
        } catch (IllegalArgumentException e) {
            throw new OrchestrationException(500, "invalid-metrics-file", e.getMessage());
        }
    }

    public Scorecard.Report scorecard(Instant from, Instant to, String rulesetVersion) {
        MetricDefinitions definitions = metricDefinitions();
        try {
            return Scorecard.build(store, definitions, from, to, rulesetVersion);
        } catch (IllegalArgumentException e) {
            throw new OrchestrationException(500, "invalid-metrics-file", properties.metricsFile() + ": " + e.getMessage());
        }
    }

    /** The scorecard of each day in [from, to), for charts over time. */
    public List<Scorecard.Report> scorecardByDay(Instant from, Instant to) {
        MetricDefinitions definitions = metricDefinitions();
        try {
            return Scorecard.daily(store, definitions, from, to);
        } catch (IllegalArgumentException e) {
            throw new OrchestrationException(500, "invalid-metrics-file", properties.metricsFile() + ": " + e.getMessage());
        }
    }

    /** Backtests the score cut-offs of the given ruleset's posture table; recommends, never edits. */
    public ThresholdTuning.Report tuning(io.handoff.engine.Ruleset ruleset) {
        MetricDefinitions.Tuning settings = metricDefinitions().tuning();
        try {
            return ThresholdTuning.build(ruleset, store, settings);
        } catch (IllegalStateException e) {
            throw new OrchestrationException(409, "tuning-unavailable", e.getMessage());
        }
    }

    HandoffStore store() {
        return store;
    }

    // ------------------------------------------------------------------ shared step machinery

    /** Runs a step in one transaction behind the chain-head lock; a refused step is recorded, then refused. */
    private Records.StepResult step(Supplier<Records.StepResult> work) {
        try {
            return transactions.execute(status -> {
                auditLog.lockHead();
                return work.get();
            });
        } catch (OrchestrationException e) {
            if (e.refusal() != null) {
                transactions.executeWithoutResult(status -> {
                    auditLog.lockHead();
                    auditLog.appendNow(e.refusal());
                });
            }
            throw e;
        }
    }

    private Records.StepResult commit(String kind, String outcome, HandoffState before, HandoffState after, String cause,
                                      Instant at, Map<String, Object> body, List<String> gates, Object step,
                                      String incidentId, Instant nextAttempt, Integer attemptsLeft) {
        String recordId = UUID.randomUUID().toString();
        Records.Transition transition = null;
        if (cause != null) {
            transition = new Records.Transition(before.decisionId(), recordId, before.status(), after.status(),
                    before.posture(), after.posture(), cause, at);
            store.insertTransition(before.contractId(), transition);
            body.put("transition", transition);
        }
        store.saveHandoff(after);
        body.put("recordId", recordId);
        body.put("outcome", outcome);
        body.put("status", after.status());
        body.put("posture", after.posture());
        auditLog.appendNow(new AuditEntry(recordId, kind, before.contractId(), before.domain(), before.handoffType(), outcome,
                after.posture(), before.rulesetVersion(), null, at, JSON.writeValueAsString(body), List.of(), gates));
        return new Records.StepResult(recordId, step, after, transition, incidentId, nextAttempt, attemptsLeft, null);
    }

    /** A step's record body; {@code actor} is the authenticated principal, {@code onBehalfOf} whom a delegate acted for. */
    private static Map<String, Object> body(String kind, HandoffState h, Actor actor, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("contractId", h.contractId());
        body.put("decisionId", h.decisionId());
        body.put("recordedAt", at.toString());
        body.put("actor", actor.principal());
        if (actor.onBehalfOf() != null) {
            body.put("onBehalfOf", actor.onBehalfOf());
        }
        return body;
    }

    private static AuditEntry entry(String kind, String outcome, HandoffState h, String posture, Instant at,
                                    Map<String, Object> body, List<String> gates) {
        String recordId = UUID.randomUUID().toString();
        body.put("recordId", recordId);
        body.put("outcome", outcome);
        body.put("posture", posture);
        return new AuditEntry(recordId, kind, h.contractId(), h.domain(), h.handoffType(), outcome, posture,
                h.rulesetVersion(), null, at, JSON.writeValueAsString(body), List.of(), gates);
    }

    static List<String> firedRules(HandoffState h) {
        List<String> ids = new ArrayList<>();
        for (String id : h.firedRules().trim().split(" ")) {
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }
}
