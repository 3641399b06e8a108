package io.handoff.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement "the chain head was {@code hash} at {@code seq}, at {@code signedAt}": Ed25519 over
 * {@link #payload()} with the key {@code keyId} (SHA-256 hex of the public key's X.509 encoding), signature in base64.
 * Once one of these is outside the database, rewriting any record up to {@code seq} shows.
 */
public record SignedCheckpoint(long seq, String hash, Instant signedAt, String keyId, String signature) {
    static final String PAYLOAD_PREFIX = "handoff-audit-checkpoint/v1";

    public SignedCheckpoint {
        if (seq < 1) {
            throw new IllegalArgumentException("a signed checkpoint is of seq 1 or later, not " + seq);
        }
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a signed checkpoint's hash is 64 lower-case hex characters");
        }
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
    }

    /** The signed bytes: {@code handoff-audit-checkpoint/v1 \n seq \n hash \n signedAt (ISO-8601)}; documented in docs/audit.md. */
    public byte[] payload() {
        return (PAYLOAD_PREFIX + "\n" + seq + "\n" + hash + "\n" + signedAt).getBytes(StandardCharsets.UTF_8);
    }
}
