package io.handoff.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.handoff.audit.AuditUnavailableException;
import io.handoff.audit.CanonicalJson;
import io.handoff.audit.Masking;
import io.handoff.contract.ContractValidator;
import io.handoff.contract.ContractViolationException;
import io.handoff.engine.Evaluation;
import io.handoff.engine.Ruleset;

/**
 * Decides handoff contracts: validate, evaluate on the active ruleset, build the decision, record it, and
 * only then return it. A rejected contract is recorded too and surfaces as {@link RejectedContractException}.
 * If recording fails the caller gets the failure, never an unrecorded decision.
 */
public final class DecisionService {
    private final ContractValidator validator;
    private final RulesetRouting routing;
    private final Clock clock;
    private final DecisionRecorder recorder;
    private final Masking masking;
    private final DecisionPolicy policy;
    private final Resubmissions resubmissions;
    private final EvaluationLimit limit;
    private final HistorySource histories;
    /**
     * How often a decision is planned again when its handoff changed before the commit (racing resubmissions). Ten, not
     * five: since evaluation runs on its own thread (the time limit), the window between plan and commit is longer on a
     * CPU-starved machine, and RulesetLifecycleApiTest's eight clients racing on two contracts exhausted five.
     */
    private static final int MAX_PLANS = 10;
    /**
     * Time-ordered UUIDs (version 7): decision ids still reveal nothing, but consecutive decisions land next to each
     * other in the log's unique index instead of on random pages, which every group commit would rewrite.
     */
    private static final com.fasterxml.uuid.impl.TimeBasedEpochGenerator IDS = com.fasterxml.uuid.Generators.timeBasedEpochGenerator();

    public DecisionService(ContractValidator validator, RulesetRouting routing, Clock clock,
                           DecisionRecorder recorder, Masking masking) {
        this(validator, routing, clock, recorder, masking, DecisionPolicy.ENFORCE);
    }

    public DecisionService(ContractValidator validator, RulesetRouting routing, Clock clock,
                           DecisionRecorder recorder, Masking masking, DecisionPolicy policy) {
        this(validator, routing, clock, recorder, masking, policy, HandoffLineage.NONE, null);
    }

    /** {@code lineage}: where handoffs stand, for revisions and closed handoffs; {@code keys}: idempotency keys (or null). */
    public DecisionService(ContractValidator validator, RulesetRouting routing, Clock clock, DecisionRecorder recorder,
                           Masking masking, DecisionPolicy policy, HandoffLineage lineage, IdempotencyKeys keys) {
        this(validator, routing, clock, recorder, masking, policy, lineage, keys, EvaluationLimit.NONE);
    }

    /**
     * {@code limit}: the time limit of a live evaluation (and of a replay); past it the request fails with
     * {@link EvaluationTimeoutException}, recorded as a fault. Cases, simulate and shadow never use it.
     */
    public DecisionService(ContractValidator validator, RulesetRouting routing, Clock clock, DecisionRecorder recorder,
                           Masking masking, DecisionPolicy policy, HandoffLineage lineage, IdempotencyKeys keys,
                           EvaluationLimit limit) {
        this(validator, routing, clock, recorder, masking, policy, lineage, keys, limit, HistorySource.NONE);
    }

    /**
     * {@code histories}: where a live decision reads its ticket's and receiver's history before the rules run (recorded
     * in the decision; replay and re-decision use the recorded values instead).
     */
    public DecisionService(ContractValidator validator, RulesetRouting routing, Clock clock, DecisionRecorder recorder,
                           Masking masking, DecisionPolicy policy, HandoffLineage lineage, IdempotencyKeys keys,
                           EvaluationLimit limit, HistorySource histories) {
        this.histories = histories;
        this.limit = limit;
        this.resubmissions = new Resubmissions(lineage, keys);
        this.validator = validator;
        this.routing = routing;
        this.clock = clock;
        this.recorder = recorder;
        this.masking = masking;
        this.policy = policy;
    }

    /** A service that records nothing: for cases, tests and benchmarks of the pure decision. */
    public DecisionService(ContractValidator validator, Supplier<Ruleset> activeRuleset, Clock clock) {
        this(validator, RulesetRouting.fixed(activeRuleset), clock, DecisionRecorder.none(), new Masking(List.of()));
    }


    /** Recording times are kept to the millisecond so the response, the record body and the database agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A decision submitted outside the API (tools, tests, benchmarks): no principal is recorded as its sender. */
    public Decided decide(byte[] body) {
        return decide(Submission.of(body));
    }

    /**
     * Decides a submission in its handoff's life (see {@link Resubmissions}): an earlier answer given again records
     * nothing; a decision for an open handoff's contract supersedes its current decision; a closed handoff takes a new
     * decision only when the submission reopens it.
     */
    public Decided decide(Submission submission) {
        for (int attempt = 1; ; attempt++) {
            try {
                Decided decided = decideOnce(submission);
                DecisionLog.done(); // a failure keeps the ids for the lines that report it
                return decided;
            } catch (ResubmissionException e) {
                // another decision for the contract landed between planning and commit: plan again on where it stands now
                if (!ResubmissionException.CHANGED.equals(e.code()) || attempt == MAX_PLANS) {
                    throw e;
                }
            }
        }
    }

    private Decided decideOnce(Submission submission) {
        String decisionId = IDS.generate().toString();
        DecisionLog.decision(decisionId);
        long start = System.nanoTime();
        ContractValidator.Validated validated;
        try {
            // receive-time checks (asOf against now) only for what came over the HTTP edge; never on replay or cases
            validated = validator.read(submission.body(), submission.edge() ? now() : null);
        } catch (ContractViolationException e) {
            resubmissions.replay(submission, CanonicalJson.sha256(e.document())); // a key taken by a valid contract: 409
            recorder.record(AuditEntries.ofRejection(decisionId, now(), e.document(), e.violations(),
                    routing.active().version(), masking, System.nanoTime() - start, submission.principal(), submission.traceId()),
                    null, null, submission.principal());
            DecisionLog.rejected(e.violations().size());
            throw new RejectedContractException(decisionId, e);
        }
        long validatedAt = System.nanoTime();
        String inputHash = CanonicalJson.sha256(validated.document());
        Optional<Decided> replay = resubmissions.replay(submission, inputHash);
        if (replay.isPresent()) {
            return replay.get();
        }
        Decision.Rollout rollout = policy.rollout(validated.contract()); // throws when switched off for this team
        String contractId = validated.contract().contractId();
        DecisionLog.contract(contractId);
        Ruleset ruleset = routing.forContract(contractId);
        Resubmissions.Plan plan = resubmissions.plan(submission, contractId, inputHash, ruleset.version());
        if (plan.unchanged() != null) {
            return resubmissions.unchanged(submission, plan.unchanged(), inputHash, contractId, now());
        }
        HandoffHistory history = historyOf(validated.contract());
        Evaluated evaluated;
        try {
            evaluated = evaluate(decisionId, validated, inputHash, ruleset, now(), limit, history);
        } catch (EvaluationTimeoutException e) {
            routing.failed(ruleset, decisionId);
            throw recordFault(e, validated, inputHash, ruleset, submission.principal(), submission.traceId());
        } catch (RuntimeException e) {
            routing.failed(ruleset, decisionId);
            throw e;
        }
        Decision decision = evaluated.decision().withRollout(rollout).continuing(plan.supersedes(), plan.reopen());
        preflight(decision, ruleset, validated, submission.principal(), submission.traceId());
        String json = DecisionJson.write(decision);
        try {
            recorder.record(AuditEntries.ofDecision(decision, json, validated.document(), masking, validatedAt - start,
                    evaluated.evaluateNanos(), submission.principal(), submission.traceId()), decision, validated.contract(), submission.principal(),
                    resubmissions.claim(submission, decision, json));
        } catch (AuditUnavailableException e) {
            return resubmissions.afterFailure(submission, inputHash, e);
        }
        if (decision.incomplete()) {
            routing.failed(ruleset, decisionId); // recorded and escalated, and counted against the version like a failure
        } else {
            routing.decided(decision, validated);
        }
        DecisionLog.decided(decision, System.nanoTime() - start);
        return new Decided(decision, json, Decided.Replay.NONE, validated.contract().from().team());
    }

    /** A timed-out evaluation is kept as a fault record (no decision); if even that cannot be written, the caller hears why. */
    private EvaluationTimeoutException recordFault(EvaluationTimeoutException fault, ContractValidator.Validated validated,
                                                   String inputHash, Ruleset ruleset, String principal, String traceId) {
        try {
            recorder.record(AuditEntries.ofFault(fault, now(), validated.contract(), validated.document(), inputHash,
                    ruleset.version(), masking, principal, traceId), null, null, principal);
        } catch (AuditUnavailableException e) {
            fault.addSuppressed(e);
        }
        return fault;
    }

    /**
     * Decides a recorded contract again on the active version (never a canary), as a revision of the decision its open
     * handoff stands on: recorded like any decision, its openings revise the handoff (gates it no longer requires are
     * superseded). 409 handoff-changed when the handoff moved on since {@code supersedes}; a preflight refusal or a
     * timeout is a fault, as on the live path.
     */
    public Decided redecide(Redecision redecision) {
        String decisionId = IDS.generate().toString();
        ContractValidator.Validated validated = new ContractValidator.Validated(redecision.contract(),
                validator.mapper().treeToValue(redecision.contract(), io.handoff.contract.HandoffContract.class));
        Decision.Rollout rollout = policy.rollout(validated.contract());
        Ruleset ruleset = routing.active();
        Evaluated evaluated;
        try {
            evaluated = evaluate(decisionId, validated, redecision.inputHash(), ruleset, now(), limit, redecision.history());
        } catch (EvaluationTimeoutException e) {
            routing.failed(ruleset, decisionId);
            throw recordFault(e, validated, redecision.inputHash(), ruleset, redecision.principal(), null);
        }
        Decision decision = evaluated.decision().withRollout(rollout).continuing(redecision.supersedes(), null);
        preflight(decision, ruleset, validated, redecision.principal(), null);
        String json = DecisionJson.write(decision);
        try {
            recorder.record(AuditEntries.ofDecision(decision, json, validated.document(), masking, 0, evaluated.evaluateNanos(),
                    redecision.principal(), null), decision, validated.contract(), redecision.principal());
        } catch (AuditUnavailableException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ResubmissionException refused) {
                    throw refused;
                }
            }
            throw e;
        }
        if (decision.incomplete()) {
            routing.failed(ruleset, decisionId);
        } else {
            routing.decided(decision, validated);
        }
        return new Decided(decision, json);
    }

    /** The hard preflight checks; a refused decision is a fault of the version that made it, counted toward rollback. */
    private void preflight(Decision decision, Ruleset ruleset, ContractValidator.Validated validated, String principal,
                           String traceId) {
        try {
            policy.check(decision);
        } catch (PreflightFailedException e) {
            routing.failed(ruleset, decision.decisionId());
            throw recordRefusal(e, decision, validated, principal, traceId);
        }
    }

    /** A preflight refusal is kept as a fault record under the refused decision's id; the decision itself is not kept. */
    private PreflightFailedException recordRefusal(PreflightFailedException refusal, Decision decision,
                                                   ContractValidator.Validated validated, String principal, String traceId) {
        PreflightFailedException recorded = new PreflightFailedException(refusal.check(), refusal.getMessage(), decision.decisionId());
        try {
            recorder.record(AuditEntries.ofPreflightRefusal(refusal, decision, validated.document(), masking, principal, traceId),
                    null, null, principal);
        } catch (AuditUnavailableException e) {
            refusal.addSuppressed(e);
            return refusal;
        }
        return recorded;
    }

    /**
     * Decides an already validated contract on a given ruleset without recording (cases, simulate, shadow, preflight,
     * benchmarks), on the caller's thread with no time limit: the answer never depends on how busy the machine is.
     */
    public Decision decide(String decisionId, ContractValidator.Validated validated, Ruleset ruleset) {
        return decide(decisionId, validated, ruleset, null);
    }

    /**
     * As above with the history the rules are to see: a case's {@code history:}, or a live decision's recorded history
     * for its shadow; null for none (all zeros, and the decision carries no {@code history}).
     */
    public Decision decide(String decisionId, ContractValidator.Validated validated, Ruleset ruleset, HandoffHistory history) {
        return evaluate(decisionId, validated, CanonicalJson.sha256(validated.document()), ruleset, now(),
                EvaluationLimit.NONE, history).decision();
    }

    /**
     * Replay: as the live path, within the evaluation time limit; past it a failure, never a different decision. The
     * history is the recorded one (never counted again).
     */
    Decision replay(String decisionId, ContractValidator.Validated validated, Ruleset ruleset, Instant recordedAt,
                    HandoffHistory history) {
        try {
            return evaluate(decisionId, validated, CanonicalJson.sha256(validated.document()), ruleset, recordedAt, limit,
                    history).decision();
        } catch (EvaluationTimeoutException e) {
            throw new EvaluationTimeoutException(null, e.limit(), "replay of " + decisionId + ": " + e.getMessage()); // nothing recorded
        }
    }

    private record Evaluated(Decision decision, long evaluateNanos) {
    }

    private static Evaluated evaluate(String decisionId, ContractValidator.Validated validated, String inputHash,
                                      Ruleset ruleset, Instant recordedAt, EvaluationLimit limit, HandoffHistory history) {
        List<Object> facts = new java.util.ArrayList<>(HandoffFacts.all(validated.contract()));
        facts.add(HandoffHistory.fact(history));
        Evaluation evaluation = limit.evaluate(ruleset, facts, decisionId);
        return new Evaluated(DecisionAssembler.assemble(decisionId, recordedAt, validated.contract(),
                inputHash, evaluation).withHistory(history), evaluation.nanos());
    }

    /** The history a live decision is made with, read before the rules run; an unreadable store is a 503, as recording is. */
    private HandoffHistory historyOf(io.handoff.contract.HandoffContract contract) {
        try {
            return histories.read(contract);
        } catch (org.springframework.dao.DataAccessException e) {
            throw new AuditUnavailableException("the handoff history could not be read: " + e.getMostSpecificCause().getMessage(), e);
        }
    }

    public ContractValidator validator() {
        return validator;
    }
}
