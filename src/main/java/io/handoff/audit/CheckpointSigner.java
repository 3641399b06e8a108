package io.handoff.audit;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Signs chain heads with an Ed25519 key held outside the database, and checks signatures against public keys. */
public final class CheckpointSigner {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public CheckpointSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = SigningKeys.keyId(publicKey);
        SignedCheckpoint probe = sign(1, ChainHash.GENESIS, Instant.EPOCH);
        if (!verifies(probe, publicKey)) {
            throw new IllegalStateException("the audit signing key and its public key (.pub) are not a pair");
        }
    }

    public SignedCheckpoint sign(long seq, String hash, Instant at) {
        Instant signedAt = at.truncatedTo(ChronoUnit.MILLIS); // the database keeps micros: the signed text must survive it
        SignedCheckpoint unsigned = new SignedCheckpoint(seq, hash, signedAt, keyId, "");
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(unsigned.payload());
            return new SignedCheckpoint(seq, hash, signedAt, keyId, Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign an audit checkpoint: " + e.getMessage(), e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** True when {@code checkpoint}'s signature is valid for {@code key}; false for any malformed signature. */
    public static boolean verifies(SignedCheckpoint checkpoint, PublicKey key) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(checkpoint.payload());
            return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
