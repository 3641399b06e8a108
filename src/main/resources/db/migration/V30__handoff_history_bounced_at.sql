-- The receiver's bounces without a probe per handoff (issue 24). Same SQL for H2 and PostgreSQL.
-- The history read before each decision counts the receiving team's latest (at most 1,000) handoffs in 30 days and,
-- of those, the bounced ones: until now one outcome_report lookup per handoff, 1,000 index probes per decision for a
-- busy team, the largest single cost of a decision. A handoff now carries when it was first reported bounced back
-- (the earliest bounced-back report's occurred_at; null: never), kept with every bounced-back report
-- (orchestration/HandoffStore#insertOutcome) and carried over when a revision rewrites the row. "Bounced before
-- the window's end" is exactly "some bounced-back report before it", so the counts do not change.
ALTER TABLE handoff_history ADD COLUMN bounced_at TIMESTAMP WITH TIME ZONE;
UPDATE handoff_history SET bounced_at = (SELECT MIN(o.occurred_at) FROM outcome_report o
    WHERE o.contract_id = handoff_history.contract_id AND o.kind = 'bounced-back');
-- the receiver's index carries it too: the read walks the index alone (H2 takes a column from the index entry when the
-- index has it, and fetched the row for bounced_at otherwise; PostgreSQL can scan index-only). Its order is that of
-- V26's three columns, so the read still takes the receiver's latest handoffs straight from it.
DROP INDEX ix_handoff_history_receiver;
CREATE INDEX ix_handoff_history_receiver ON handoff_history (receiver_team, as_of DESC, contract_id DESC, bounced_at);
