-- The urgency the decision's rules set (decision-tables/urgency.xlsx: low, normal, high, critical) and whether they
-- paged in parallel (rules/urgency/paging.drl). Null for decisions made before, or on rulesets without urgency rules:
-- those keep ranking by the contract's own severity, priority and risk level.
ALTER TABLE handoff_urgency ADD COLUMN urgency VARCHAR(16);
ALTER TABLE handoff_urgency ADD COLUMN page_mode VARCHAR(16);
