-- Recovery that cleans up (issue 22, part 4). Same SQL for H2 and PostgreSQL.

-- The handoff's posture when the incident opened (a retry escalation is critical even when its decision was green);
-- null for incidents opened before this column existed.
ALTER TABLE incident ADD COLUMN posture VARCHAR(16);

-- A ruleset-level incident: one per rollback (automatic or manual) of a version, naming the window in which that
-- version decided live traffic. The decisions it lists are read from the audit log when the incident is read
-- (kind decision, that ruleset_version, recorded in the window), so nothing is stored twice.
CREATE TABLE ruleset_incident (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    version         VARCHAR(64)   NOT NULL,
    rolled_back_to  VARCHAR(64)   NOT NULL,
    event           VARCHAR(32)   NOT NULL,
    actor           VARCHAR(200)  NOT NULL,
    reason          VARCHAR(2000) NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    promoted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_by     VARCHAR(200),
    resolution      VARCHAR(2000),
    resolved_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_ruleset_incident_opened ON ruleset_incident (opened_at);
