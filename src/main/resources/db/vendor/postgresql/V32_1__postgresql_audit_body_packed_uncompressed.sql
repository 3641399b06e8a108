-- PostgreSQL only. The packed body is already compressed: storage EXTERNAL keeps PostgreSQL from compressing it again
-- (lz4 on bytes zlib has packed spends CPU on every write and read for nothing). Under toast_tuple_target (4080, V29_1) a
-- row stays whole in the table; a larger one moves its packed body out of line, uncompressed.
ALTER TABLE audit_record ALTER COLUMN body_packed SET STORAGE EXTERNAL;
