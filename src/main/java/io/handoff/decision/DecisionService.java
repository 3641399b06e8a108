package io.handoff.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

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
        return decide(body, null);
    }

    /** {@code submittedBy}: the authenticated principal submitting the contract, recorded as the handoff's sender. */
    public Decided decide(byte[] body, String submittedBy) {
        String decisionId = IDS.generate().toString();
        long start = System.nanoTime();
        ContractValidator.Validated validated;
        try {
            validated = validator.read(body);
        } catch (ContractViolationException e) {
            recorder.record(AuditEntries.ofRejection(decisionId, now(), e.document(), e.violations(),
                    routing.active().version(), masking, System.nanoTime() - start, submittedBy), null, null, submittedBy);
            throw new RejectedContractException(decisionId, e);
        }
        long validatedAt = System.nanoTime();
        Decision.Rollout rollout = policy.rollout(validated.contract()); // throws when switched off for this team
        Ruleset ruleset = routing.forContract(validated.contract().contractId());
        Evaluated evaluated;
        try {
            evaluated = evaluate(decisionId, validated, ruleset, now());
        } catch (RuntimeException e) {
            routing.failed(ruleset, decisionId);
            throw e;
        }
        Decision decision = evaluated.decision().withRollout(rollout);
        policy.check(decision); // a failed hard preflight check: nothing is recorded, nothing returned
        String json = DecisionJson.write(decision);
        recorder.record(AuditEntries.ofDecision(decision, json, validated.document(), masking, validatedAt - start,
                evaluated.evaluateNanos(), submittedBy), decision, validated.contract(), submittedBy);
        routing.decided(decision, validated);
        return new Decided(decision, json);
    }

    /** Decides an already validated contract on a given ruleset without recording (cases, replay, benchmarks). */
    public Decision decide(String decisionId, ContractValidator.Validated validated, Ruleset ruleset) {
        return decide(decisionId, validated, ruleset, now());
    }

    Decision decide(String decisionId, ContractValidator.Validated validated, Ruleset ruleset, Instant recordedAt) {
        return evaluate(decisionId, validated, ruleset, recordedAt).decision();
    }

    private record Evaluated(Decision decision, long evaluateNanos) {
    }

    private static Evaluated evaluate(String decisionId, ContractValidator.Validated validated, Ruleset ruleset,
                                      Instant recordedAt) {
        Evaluation evaluation = ruleset.evaluate(List.of(HandoffFacts.from(validated.contract())));
        return new Evaluated(DecisionAssembler.assemble(decisionId, recordedAt, validated.contract(),
                CanonicalJson.sha256(validated.document()), evaluation), evaluation.nanos());
    }

    public ContractValidator validator() {
        return validator;
    }
}
