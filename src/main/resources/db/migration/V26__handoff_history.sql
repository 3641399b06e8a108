-- History-aware facts (issue 23, item 2). Same SQL for H2 and PostgreSQL.
-- One row per handed-off contract, written in the group commit that records its decision (with the handoff row, see
-- orchestration/Openings): which ticket or work item it carried, to which team, as of when. Before a decision the
-- service counts from here, within windows measured from the new contract's asOf: the ticket's other handoffs, their
-- bounced-back outcome reports (outcome_report, by its unique (contract_id, kind, occurred_at) index) and the receiving
-- team's handoffs and bounces. A revision of the same contract rewrites its row: one contract is one handoff.
CREATE TABLE handoff_history (
    contract_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    work_key       VARCHAR(120) NOT NULL,
    receiver_team  VARCHAR(200) NOT NULL,
    as_of          TIMESTAMP WITH TIME ZONE NOT NULL,
    decision_id    VARCHAR(64)  NOT NULL
);
-- the ticket's handoffs in a window: a range of one key
CREATE INDEX ix_handoff_history_work ON handoff_history (work_key, as_of);
-- the receiver's latest handoffs in a window (newest first: the read takes at most the latest 1,000; H2 scans an index
-- only forwards, and uses the order when the query sorts by all three columns), with the contract id in the index so the bounce lookup needs no table row
CREATE INDEX ix_handoff_history_receiver ON handoff_history (receiver_team, as_of DESC, contract_id DESC);
