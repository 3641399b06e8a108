-- H2 only (PostgreSQL's sequences are cheap, and their cache is per session, which would break the timeline's
-- id order). H2 persists an identity sequence every CACHE values by storing the whole database file at once;
-- with the default 32 that was a second full store every few group commits (about a fifth of the audit
-- writer's time). H2's cache is shared by every session, so ids stay in insert order; a crash leaves a gap.
ALTER TABLE handoff_transition ALTER COLUMN id SET CACHE 100000;
