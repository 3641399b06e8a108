-- Who acted, from the credential (issue 18). The principal that submitted a handoff's decision is its sender for
-- four eyes; a step taken by a delegate for someone else keeps both: *_by is the principal, *_on_behalf_of the
-- directory id it acted for. Null in rows written before this (their senders are only the contract's from.actor).
-- Same SQL for H2 and PostgreSQL. Numbered 9.1 so branches adding a V9 in parallel do not collide with it.
ALTER TABLE handoff ADD COLUMN submitted_by VARCHAR(200);
ALTER TABLE approval ADD COLUMN decided_on_behalf_of VARCHAR(200);
ALTER TABLE incident ADD COLUMN acknowledged_on_behalf_of VARCHAR(200);
ALTER TABLE incident ADD COLUMN resolved_on_behalf_of VARCHAR(200);
