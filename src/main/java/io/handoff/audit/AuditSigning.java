package io.handoff.audit;

import java.security.PublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the log needs to sign and check checkpoints: the signer, the external sink, how often, and every public key
 * trusted for verification (the signer's and those of rotated-out keys).
 */
public record AuditSigning(CheckpointSigner signer, CheckpointSink sink, int everyRecords, Duration every,
                           List<PublicKey> previousKeys) {
    public AuditSigning {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(every, "every");
        if (everyRecords < 1) {
            throw new IllegalArgumentException("everyRecords must be >= 1");
        }
        previousKeys = List.copyOf(previousKeys);
    }

    /** Trusted public keys by key id. */
    public Map<String, PublicKey> trustedKeys() {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        previousKeys.forEach(key -> keys.put(SigningKeys.keyId(key), key));
        keys.put(signer.keyId(), signer.publicKey());
        return keys;
    }
}
