-- Format 3 (docs/audit.md, "The hash chain"): a record's evidence body is stored packed, the zlib stream of its UTF-8
-- JSON text (a decision's 6-7 KB body packs to 2-2.5 KB), in body_packed, and its hash covers those stored bytes. Verify
-- then reads and hashes a third of the bytes and neither side inflates anything; readers inflate. body stays for the
-- rows already written (formats 1 and 2), which keep their text and verify as before; a format-3 row leaves it null.
-- Same SQL for H2 and PostgreSQL (BYTEA is H2's alias of BINARY VARYING).
ALTER TABLE audit_record ADD COLUMN body_packed BYTEA;
ALTER TABLE audit_record ALTER COLUMN body DROP NOT NULL;
