-- The append-only decision log. One row per decision or rejected attempt, chained by hash:
-- hash = SHA-256(seq || '\n' || prev_hash || '\n' || body). The service never updates or deletes a row
-- except through retention, which replaces a removed range by a checkpoint (audit_checkpoint).
-- Same SQL for H2 and PostgreSQL.
CREATE TABLE audit_record (
    seq             BIGINT       NOT NULL PRIMARY KEY,
    decision_id     VARCHAR(64)  NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    contract_id     VARCHAR(64),
    domain          VARCHAR(32),
    handoff_type    VARCHAR(32),
    outcome         VARCHAR(32)  NOT NULL,
    posture         VARCHAR(16),
    ruleset_version VARCHAR(64),
    input_hash      VARCHAR(64),
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    fired_rules     VARCHAR      NOT NULL,
    gates           VARCHAR      NOT NULL,
    body            VARCHAR      NOT NULL,
    prev_hash       VARCHAR(64)  NOT NULL,
    hash            VARCHAR(64)  NOT NULL,
    CONSTRAINT uq_audit_decision UNIQUE (decision_id)
);
CREATE INDEX ix_audit_contract ON audit_record (contract_id, seq);
CREATE INDEX ix_audit_recorded ON audit_record (recorded_at, seq);
-- fired_rules and gates hold the fired rule ids (in firing order) and the required gate ids, each list
-- written as ' ID1 ID2 ' so a filter is one LIKE; they are copies of the hashed body, kept for search.

-- A range removed by retention: the chain stays verifiable across it.
CREATE TABLE audit_checkpoint (
    first_seq      BIGINT      NOT NULL PRIMARY KEY,
    last_seq       BIGINT      NOT NULL,
    prev_hash      VARCHAR(64) NOT NULL,
    last_hash      VARCHAR(64) NOT NULL,
    removed        BIGINT      NOT NULL,
    reason         VARCHAR(200) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Rule sources of every ruleset version that decided something, content-addressed.
CREATE TABLE source_blob (
    sha256  VARCHAR(64) NOT NULL PRIMARY KEY,
    content VARCHAR     NOT NULL
);
CREATE TABLE ruleset_source (
    version VARCHAR(64)  NOT NULL,
    path    VARCHAR(500) NOT NULL,
    sha256  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (version, path)
);
CREATE TABLE ruleset_version (
    version     VARCHAR(64) NOT NULL PRIMARY KEY,
    first_used  TIMESTAMP WITH TIME ZONE NOT NULL,
    source_count INT        NOT NULL
);

-- The chain head: every writer (on every instance) locks this row while it appends a batch.
CREATE TABLE audit_head (
    id   INT         NOT NULL PRIMARY KEY,
    seq  BIGINT      NOT NULL,
    hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
