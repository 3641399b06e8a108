package io.handoff.orchestration;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.handoff.audit.Alongside;
import io.handoff.audit.AuditLog;
import io.handoff.contract.HandoffContract;
import io.handoff.decision.Decision;
import io.handoff.decision.HistorySource;
import io.handoff.notify.Outbox;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries a handoff from its decision to its end. A decision opens its approvals (one per gate) and, when it
 * escalates or is critical, an incident, in the same transaction as the decision's record ({@link Openings}). Every
 * later step (an approval decided, an attempt, an incident acknowledged or resolved, an outcome) takes the audit
 * chain's head lock first, changes state, and appends its own audit record in the same transaction ({@link Steps}):
 * log and state never disagree, and every writer on every instance is ordered by that one lock, so no approval is
 * decided twice. A refused step (wrong role, four eyes) is recorded too, then refused. This class is the facade;
 * each step lives in its own class: {@link ApprovalStep}, {@link AttemptStep}, {@link IncidentStep},
 * {@link OutcomeStep}, {@link HandoffViews}.
 */
public final class Orchestrator {
    static final Set<String> ATTEMPT_RESULTS = Set.of("delivered", "refused-by-receiver", "timed-out", "error");
    static final Set<String> OUTCOME_KINDS = OutcomeKinds.ALL;
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final HandoffStore store;
    private final OrchestrationProperties properties;
    private final Openings openings;
    private final ApprovalStep approvals;
    private final AttemptStep attempts;
    private final IncidentStep incidents;
    private final OutcomeStep outcomes;
    private final HandoffViews views;
    private final Measures measures;
    private final Notices notices;
    private final OpenOutcomes openOutcomes;
    private final RulesetIncidents rulesetIncidents;
    private final JdbcTemplate jdbc;
    private final HistoryIndex history;

    public Orchestrator(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog auditLog, Clock clock,
                        OrchestrationProperties properties) {
        this(jdbc, transactions, auditLog, clock, properties, null);
    }

    /** {@code outbox}: where what happens is announced to webhooks, in the same transaction (null: nobody is told). */
    public Orchestrator(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog auditLog, Clock clock,
                        OrchestrationProperties properties, Outbox outbox) {
        this(jdbc, transactions, auditLog, clock, properties, outbox, StepMeters.none());
    }

    /** {@code meters}: approvals, incidents and outcomes counted for Prometheus as their transactions commit. */
    public Orchestrator(JdbcTemplate jdbc, TransactionTemplate transactions, AuditLog auditLog, Clock clock,
                        OrchestrationProperties properties, Outbox outbox, StepMeters meters) {
        this.store = new HandoffStore(jdbc);
        this.notices = new Notices(jdbc, outbox);
        this.openOutcomes = new OpenOutcomes(jdbc);
        this.jdbc = jdbc;
        this.history = new HistoryIndex(jdbc);
        this.openings = new Openings(store, notices, meters, history);
        this.properties = properties;
        Steps steps = new Steps(store, transactions, auditLog, clock, notices, meters);
        this.approvals = new ApprovalStep(steps, properties);
        this.attempts = new AttemptStep(steps);
        this.incidents = new IncidentStep(steps);
        this.outcomes = new OutcomeStep(steps);
        this.views = new HandoffViews(store, auditLog);
        this.measures = new Measures(store, properties);
        this.rulesetIncidents = new RulesetIncidents(jdbc, auditLog, store);
    }

    /** Where a decision reads its ticket's and receiver's history (written by {@link #openings()}). */
    public HistorySource history() {
        return history;
    }

    /** Ruleset-level incidents, opened by rollbacks (the lifecycle tells them, in the rollback's transaction). */
    public RulesetIncidents rulesetIncidents() {
        return rulesetIncidents;
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

    // ------------------------------------------------------------------ approvals: ApprovalStep

    public List<Records.Approval> approvals(String role, String status, int limit) {
        return approvals.approvals(role, status, limit);
    }

    public List<Records.Approval> approvalsOfDecision(String decisionId) {
        return approvals.approvalsOfDecision(decisionId);
    }

    public Optional<Records.Approval> approval(String id) {
        return approvals.approval(id);
    }

    /**
     * Approves or rejects one gate for {@code actor}. Only an approver holding the gate's role in the approver
     * directory (the principal, or the person a delegate acts for) may decide it, never one who sent the handoff
     * (four eyes, by principal), and only once. {@code role} may be left out: the gate's role.
     * All gates approved: the handoff is accepted (posture green). One rejection: it goes back to the sender and the
     * other pending gates are cancelled.
     */
    public Records.StepResult decideApproval(String approvalId, String verdict, String role, String comment, Actor actor) {
        return approvals.decideApproval(ApprovalCommand.of(approvalId, verdict, role, comment, actor));
    }

    // ------------------------------------------------------------------ attempts: AttemptStep

    /**
     * Records one attempt to carry the handoff out. Failures past the decision's retry policy escalate (the
     * reliability guardrail): posture critical and an incident for oversight. Idempotent by {@code attemptId}. An attempt
     * before the next allowed time (the service's clock against the backoff of the last failure) is refused:
     * {@link TooEarlyException}. Attempt numbers continue across revisions of the handoff: the highest stored one plus one.
     */
    public Records.StepResult recordAttempt(String contractId, String attemptId, String result, Instant at, String detail,
                                            String caller) {
        return attempts.recordAttempt(new AttemptCommand(contractId, attemptId, result, at, detail, caller));
    }

    // ------------------------------------------------------------------ incidents: IncidentStep

    public List<Records.Incident> incidents(String status, String contractId, int limit) {
        return incidents.incidents(status, contractId, limit);
    }

    public Optional<Records.Incident> incident(String id) {
        return incidents.incident(id);
    }

    public Records.StepResult acknowledge(String incidentId, String note, Actor actor) {
        return incidents.incidentStep(IncidentCommand.acknowledge(incidentId, note, actor));
    }

    public Records.StepResult resolve(String incidentId, String resolution, Actor actor) {
        return incidents.incidentStep(IncidentCommand.resolve(incidentId, resolution, actor));
    }

    /**
     * The packet oversight gets: the masked contract, violations, the fired rules with file/sheet/row, the
     * ruleset version, failed gates and the retry history, as they stand now.
     */
    public Optional<ObjectNode> packet(String incidentId) {
        return incidents.packet(incidentId);
    }

    // ------------------------------------------------------------------ outcomes: OutcomeStep

    /**
     * Records what happened after a handoff, joined to the decision in force when it happened. The same report
     * twice (contract, kind, occurredAt) is answered with the first, marked duplicate, and recorded once.
     */
    public Records.StepResult reportOutcome(String contractId, String kind, Instant occurredAt, String note, String caller) {
        return reportOutcome(new OutcomeDetails(contractId, kind, occurredAt, note, null, null, null, null), caller);
    }

    /** A report with its domain's details: a bounce-back reason, slip days, or a success metric and its value. */
    public Records.StepResult reportOutcome(OutcomeDetails report, String caller) {
        return outcomes.reportOutcome(new OutcomeCommand(report, caller));
    }

    // ------------------------------------------------------------------ handoff views: HandoffViews

    public Optional<HandoffState> handoff(String contractId) {
        return views.handoff(contractId);
    }

    public Optional<Records.Timeline> timeline(String contractId) {
        return views.timeline(contractId);
    }

    /** The outcome report of one handoff: decision, approvals, attempts, incidents, outcomes and timeline in one document. */
    public Optional<ObjectNode> report(String contractId) {
        return views.report(contractId);
    }

    /** When the oldest handoff still tracked was decided, for scorecards over time. */
    public Optional<Instant> firstDecidedAt() {
        return store.firstDecidedAt();
    }

    // ------------------------------------------------------------------ scorecard and tuning

    /** The metrics file as analysts left it; a mistake comes back naming the file and the metric, not as a 500 trace. */
    public MetricDefinitions metricDefinitions() {
        return measures.metricDefinitions();
    }

    public Scorecard.Report scorecard(Instant from, Instant to, String rulesetVersion) {
        return measures.scorecard(from, to, rulesetVersion);
    }

    /** The scorecard of each day in [from, to), for charts over time. */
    public List<Scorecard.Report> scorecardByDay(Instant from, Instant to) {
        return measures.scorecardByDay(from, to);
    }

    /** Backtests the score cut-offs of the given ruleset's posture table; recommends, never edits. */
    public ThresholdTuning.Report tuning(io.handoff.engine.Ruleset ruleset) {
        return measures.tuning(ruleset);
    }

    /**
     * Announces pending approvals past their due time (by severity: {@code handoff.notify.respond-within}), each once;
     * returns how many are overdue. Nothing without webhooks.
     */
    public int notifyOverdueApprovals(Instant now) {
        return notices.overdue(store, now);
    }

    /** Bounced-back, reopened and SLA-breached reports still waiting for a new decision or a resolution, oldest first. */
    List<Records.OutcomeReport> openOutcomes(int limit) {
        return openOutcomes.list(limit);
    }

    /** The ids of the approvals and incidents standing on a recorded decision (what it opened, or a revision kept). */
    public Opened opened(String decisionId) {
        return Opened.of(jdbc, decisionId);
    }

    Notices notices() {
        return notices;
    }

    HandoffStore store() {
        return store;
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
