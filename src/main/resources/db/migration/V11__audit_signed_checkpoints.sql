-- Signed checkpoints of the chain head (docs/audit.md): Ed25519 over
-- 'handoff-audit-checkpoint/v1' || '\n' || seq || '\n' || hash || '\n' || signed_at (ISO-8601), by the key
-- key_id (SHA-256 hex of its X.509 public key), signature in base64. This table is the database's copy; every
-- checkpoint is also appended to the external sink (handoff.audit.signing.sink-dir), which is the copy that counts
-- against someone who can write the database. Numbered 11 to stay clear of migrations written in parallel.
-- Same SQL for H2 and PostgreSQL.
CREATE TABLE audit_signed_checkpoint (
    seq        BIGINT       NOT NULL PRIMARY KEY,
    hash       VARCHAR(64)  NOT NULL,
    signed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id     VARCHAR(64)  NOT NULL,
    signature  VARCHAR(200) NOT NULL
);
