-- Notifications (issue 22): the outbox of webhook deliveries, one row per event and webhook, written in the same
-- transaction as the event it announces; a background sender delivers it (retries with backoff, dead-letter after
-- handoff.notify.max-attempts). event_id is the idempotency id every redelivery carries. Same SQL for H2 and PostgreSQL.
CREATE TABLE notification (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    event_id        VARCHAR(64)   NOT NULL,
    webhook         VARCHAR(100)  NOT NULL,
    kind            VARCHAR(40)   NOT NULL,
    contract_id     VARCHAR(64),
    severity        VARCHAR(16)   NOT NULL,
    body            VARCHAR       NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL,
    claims          INT           NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_status     INT,
    last_error      VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_notification_event UNIQUE (event_id, webhook)
);
CREATE INDEX ix_notification_due ON notification (status, next_attempt_at);

-- What a decision's contract says about urgency (severity, priority, risk level) and who receives it: follow-ups rank
-- by it and notifications page by it. One row per decision, written with the decision's openings.
CREATE TABLE handoff_urgency (
    decision_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    contract_id  VARCHAR(64)  NOT NULL,
    severity     VARCHAR(16),
    priority     VARCHAR(16),
    risk_level   VARCHAR(16),
    to_team      VARCHAR(200)
);
