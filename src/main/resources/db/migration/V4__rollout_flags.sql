-- Rollout rules behind the OpenFeature flag "handoff-mode": per domain and sending team ('*' for any), the mode
-- (off, observe, enforce) for `percent` of contracts (by hash of contract id) and `fallback_mode` for the rest.
-- Every change is also an audit record of kind flag-change; `version` in rollout_state tells other instances.
CREATE TABLE rollout_rule (
    domain        VARCHAR(32)   NOT NULL,
    team          VARCHAR(200)  NOT NULL,
    mode          VARCHAR(16)   NOT NULL,
    percent       INT           NOT NULL,
    fallback_mode VARCHAR(16)   NOT NULL,
    updated_by    VARCHAR(200)  NOT NULL,
    reason        VARCHAR(2000) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (domain, team)
);
CREATE TABLE rollout_state (
    id      INT    NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO rollout_state (id, version) VALUES (1, 0);
