-- Several instances, one database: the active ruleset is no longer a per-process variable but this pointer,
-- which every instance follows (LISTEN/NOTIFY on PostgreSQL, polling everywhere). Same SQL for H2 and PostgreSQL.
-- generation grows by one on every change, so an instance knows whether it is behind; last_event and replaced
-- tell a follower whether the change was a rollback (the replaced version is then blocked there too);
-- folders_version is the version compiled from the configured folders by the instance that last published it:
-- an instance starting with the same folders adopts the pointer, one starting with changed folders takes over.
CREATE TABLE ruleset_pointer (
    id              INT          NOT NULL PRIMARY KEY,
    generation      BIGINT       NOT NULL,
    version         VARCHAR(64)  NOT NULL,
    depth           INT          NOT NULL,
    last_event      VARCHAR(32)  NOT NULL,
    replaced        VARCHAR(64),
    folders_version VARCHAR(64)  NOT NULL,
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The activation stack shared by every instance: promote pushes, rollback pops; the top row is the pointer's version.
CREATE TABLE ruleset_activation (
    depth   INT         NOT NULL PRIMARY KEY,
    version VARCHAR(64) NOT NULL
);

-- Per-caller rate-limit buckets shared by every instance (Bucket4j's PostgreSQL proxy; unused on H2).
CREATE TABLE rate_limit_bucket (
    id    VARCHAR(200) NOT NULL PRIMARY KEY,
    state BYTEA
);
