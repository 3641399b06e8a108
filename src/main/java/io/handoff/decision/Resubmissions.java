package io.handoff.decision;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

import io.handoff.audit.AuditUnavailableException;

/**
 * What a submission is in its handoff's life, decided before any rule runs: a retry of an earlier request (same
 * idempotency key: the first answer again, or 409 when the key came with another contract), the first decision for
 * its contract, an unchanged resubmission of an open handoff (same contract, same ruleset: the current decision again,
 * nothing recorded), a revision (a changed contract, or a ruleset that changed since: a new decision that supersedes
 * the current one), a refused decision for a closed handoff, or a deliberate reopen.
 */
final class Resubmissions {
    private final HandoffLineage lineage;
    private final IdempotencyKeys keys;

    Resubmissions(HandoffLineage lineage, IdempotencyKeys keys) {
        this.lineage = lineage;
        this.keys = keys;
    }

    /** For a decision to be made: what it supersedes and the reopen it records; {@code unchanged}: answer that instead. */
    record Plan(String supersedes, Decision.Reopen reopen, Decided unchanged) {
    }

    /** The first answer to this principal's key, if the key is taken; 409 when it was taken with another contract. */
    Optional<Decided> replay(Submission submission, String inputHash) {
        if (submission.idempotencyKey() == null || keys == null) {
            return Optional.empty();
        }
        return reading(() -> keys.find(submission.principal(), submission.idempotencyKey())).map(claim -> answer(claim, inputHash));
    }

    private static Decided answer(IdempotencyClaim claim, String inputHash) {
        if (!claim.inputHash().equals(inputHash)) {
            throw new ResubmissionException(409, ResubmissionException.KEY_REUSED, "Idempotency-Key '" + claim.key()
                    + "' was used for a different contract body (decision " + claim.decisionId() + "); a new request needs a new key");
        }
        return new Decided(null, claim.response(), Decided.Replay.IDEMPOTENT);
    }

    /** {@code rulesetVersion}: the ruleset that would decide the contract now. */
    Plan plan(Submission submission, String contractId, String inputHash, String rulesetVersion) {
        Optional<HandoffLineage.Current> found = reading(() -> lineage.current(contractId));
        if (found.isEmpty()) {
            if (submission.reopens()) {
                throw new ResubmissionException(409, ResubmissionException.NOT_CLOSED, "there is no handoff for contract "
                        + contractId + " to reopen; send it without reopen");
            }
            return new Plan(null, null, null);
        }
        HandoffLineage.Current current = found.get();
        if (current.closed()) {
            if (!submission.reopens()) {
                throw ResubmissionException.closed(contractId, current.decisionId(), current.status());
            }
            return new Plan(current.decisionId(), new Decision.Reopen(submission.principal(), submission.reopenReason()), null);
        }
        if (submission.reopens()) {
            throw new ResubmissionException(409, ResubmissionException.NOT_CLOSED, "handoff " + contractId + " is open ("
                    + current.status() + "); a changed contract revises it without reopen");
        }
        if (inputHash.equals(current.inputHash()) && rulesetVersion.equals(current.rulesetVersion())) {
            Optional<String> json = reading(() -> lineage.decisionJson(current.decisionId()));
            if (json.isPresent()) {
                return new Plan(null, null, new Decided(null, json.get(), Decided.Replay.UNCHANGED));
            }
        }
        return new Plan(current.decisionId(), null, null);
    }

    /** The claim a new decision makes on the submission's key, taken in the decision's own transaction; null without a key. */
    IdempotencyClaim claim(Submission submission, Decision decision, String json) {
        return submission.idempotencyKey() == null || keys == null ? null : new IdempotencyClaim(submission.principal(),
                submission.idempotencyKey(), decision.inputHash(), decision.decisionId(), decision.contractId(), json,
                decision.recordedAt());
    }

    /** The current decision given again for an unchanged contract; the key, if any, now names it too. */
    Decided unchanged(Submission submission, Decided current, String inputHash, String contractId, java.time.Instant at) {
        if (submission.idempotencyKey() != null && keys != null) {
            IdempotencyClaim claim = new IdempotencyClaim(submission.principal(), submission.idempotencyKey(), inputHash,
                    decisionIdOf(current.json()), contractId, current.json(), at);
            if (!reading(() -> keys.claim(claim))) {
                return replay(submission, inputHash).orElse(current);
            }
        }
        return current;
    }

    /**
     * Why recording failed, when the handoff's life explains it: the key was taken by a concurrent retry (its answer
     * now, read back), or the handoff changed before the commit (409). Otherwise the failure itself.
     */
    Decided afterFailure(Submission submission, String inputHash, AuditUnavailableException failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ResubmissionException refused) {
                throw refused;
            }
            if (cause instanceof DuplicateKeyException) {
                Optional<Decided> first = replay(submission, inputHash);
                if (first.isPresent()) {
                    return first.get();
                }
            }
        }
        throw failure;
    }

    /** The store that holds handoffs and keys is the audit store: when it cannot be read, the caller gets 503, not 500. */
    private static <T> T reading(Supplier<T> read) {
        try {
            return read.get();
        } catch (DataAccessException e) {
            throw new AuditUnavailableException("the handoff store could not be read: " + e.getMostSpecificCause().getMessage(), e);
        }
    }

    private static String decisionIdOf(String json) {
        return DecisionJson.MAPPER.readTree(json).path("decisionId").asString();
    }
}
