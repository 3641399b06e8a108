-- The record format of each audit row (docs/audit.md, "Record formats"). Format 1: hash = SHA-256(seq \n prev_hash \n body),
-- the searchable columns checked against the body's JSON. Format 2: the hash also covers every searchable column
-- (decision_id ... gates, recorded_at) in a canonical encoding, so verifying a row hashes its stored bytes and parses
-- no JSON. Every row already written keeps format 1 and verifies as before; the default stays 1 so that an instance
-- still running the code before this migration (a rolling upgrade) writes rows that say the format they were hashed in.
-- Same SQL for H2 and PostgreSQL; PostgreSQL adds a column with a constant default without rewriting the table.
ALTER TABLE audit_record ADD COLUMN record_format SMALLINT DEFAULT 1 NOT NULL;
