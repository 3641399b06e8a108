-- The ticket's part of the history read, bounded (issue 24). Same SQL for H2 and PostgreSQL.
-- A ticket's bounces are taken among its latest 1,000 handoffs (orchestration/HistoryIndex#TICKET_SAMPLE), so the
-- ticket's index gives them newest first, as the receiver's does (V26: H2 scans an index only forwards): the read walks
-- at most 1,000 entries however often a ticket was handed off. The contract id makes the order total, so which handoffs
-- are the latest 1,000 does not depend on the database. Only an index changes: old and new code can run side by side
-- once it is built. PostgreSQL locks handoff_history while it builds (decisions wait until it is built), and
-- IF EXISTS lets a migration that stopped between the two statements (H2 commits each) run again.
DROP INDEX IF EXISTS ix_handoff_history_work;
CREATE INDEX ix_handoff_history_work ON handoff_history (work_key, as_of DESC, contract_id DESC);
