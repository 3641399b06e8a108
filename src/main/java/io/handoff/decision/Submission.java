package io.handoff.decision;

import java.util.Objects;

import io.handoff.audit.CanonicalJson;

/**
 * One request to decide a contract: the body as sent, the authenticated principal that sent it, and what the caller
 * said about resubmission. {@code idempotencyKey} (optional) makes a retry of the same request answer the original
 * decision; {@code reopenReason} (optional) reopens a closed handoff on purpose. {@code traceId} (optional) is the W3C
 * trace id the request ran under (from its {@code traceparent}, or started for it): kept in the audit record, so a
 * record leads to its traces and logs; anything but 32 lowercase hex digits (not all zero) is dropped. An instance
 * that exists is valid.
 */
public record Submission(byte[] body, String principal, String idempotencyKey, String reopenReason, String traceId,
                         boolean edge) {
    static final int MAX_KEY_LENGTH = 255;
    static final int MAX_REASON_LENGTH = 500;
    /** Longer principals (a token subject can be) are stored as their SHA-256: the key table's column holds 200. */
    static final int MAX_PRINCIPAL_LENGTH = 200;

    public Submission {
        Objects.requireNonNull(body, "body");
        traceId = validTraceId(traceId) ? traceId : null;
        principal = principal == null || principal.isBlank() ? "anonymous" : principal;
        if (principal.length() > MAX_PRINCIPAL_LENGTH) {
            principal = "sha256:" + CanonicalJson.sha256(principal);
        }
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY_LENGTH
                || !idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new ResubmissionException(400, ResubmissionException.INVALID_KEY, "Idempotency-Key must be 1 to "
                    + MAX_KEY_LENGTH + " visible ASCII characters (a UUID is a good key)");
        }
        if (reopenReason != null && (reopenReason.isBlank() || reopenReason.length() > MAX_REASON_LENGTH)) {
            throw new ResubmissionException(422, ResubmissionException.INVALID_REOPEN, "a reopen needs a reason of 1 to "
                    + MAX_REASON_LENGTH + " characters (reason=...)");
        }
    }

    /** A submission not (yet) marked as received over the HTTP edge. */
    public Submission(byte[] body, String principal, String idempotencyKey, String reopenReason, String traceId) {
        this(body, principal, idempotencyKey, reopenReason, traceId, false);
    }

    /**
     * The same submission as received over the HTTP edge just now: its {@code asOf} is checked against the receive time
     * ({@link io.handoff.contract.AsOfWindow}). Tools, cases and replays never are.
     */
    public Submission atEdge() {
        return new Submission(body, principal, idempotencyKey, reopenReason, traceId, true);
    }

    /** A submission outside any trace. */
    public Submission(byte[] body, String principal, String idempotencyKey, String reopenReason) {
        this(body, principal, idempotencyKey, reopenReason, null);
    }

    /** A plain submission: no key, no reopen, no trace (cases, tests, benchmarks). */
    public static Submission of(byte[] body) {
        return new Submission(body, null, null, null, null);
    }

    /** W3C trace context: 32 lowercase hex digits, not all zero. */
    static boolean validTraceId(String id) {
        if (id == null || id.length() != 32) {
            return false;
        }
        boolean nonZero = false;
        for (int i = 0; i < 32; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }

    boolean reopens() {
        return reopenReason != null;
    }
}
