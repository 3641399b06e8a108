-- Idempotency keys of POST /api/v1/decisions (docs/api.md, "Resubmission"). One row per (principal, key): the
-- canonical hash of the contract it came with and the exact answer to give again. Inserted in the same transaction
-- as the decision's audit record, so the primary key is what stops two concurrent retries from recording two
-- decisions. Kept for handoff.decisions.idempotency-retention (default 24h), then deleted by the retention job.
-- Same SQL for H2 and PostgreSQL. (V12: V9-V11 are left to migrations written in parallel; out-of-order is on.)
CREATE TABLE idempotency_key (
    principal        VARCHAR(200) NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    input_hash       VARCHAR(64)  NOT NULL,
    decision_id      VARCHAR(64)  NOT NULL,
    contract_id      VARCHAR(64),
    response         VARCHAR      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_idempotency_key PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX ix_idempotency_key_created ON idempotency_key (created_at);
