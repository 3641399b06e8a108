-- Outcome reports per domain: why a handoff bounced back, how many days a work item slipped, and the success metric
-- a launch reported against the target its contract declared (with whether it met it, judged when reported).
ALTER TABLE outcome_report ADD COLUMN reason_code VARCHAR(64);
ALTER TABLE outcome_report ADD COLUMN slip_days INTEGER;
ALTER TABLE outcome_report ADD COLUMN metric_name VARCHAR(200);
ALTER TABLE outcome_report ADD COLUMN metric_value DOUBLE PRECISION;
ALTER TABLE outcome_report ADD COLUMN metric_met BOOLEAN;
