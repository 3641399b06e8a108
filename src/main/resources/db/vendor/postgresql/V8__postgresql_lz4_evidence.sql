-- PostgreSQL only. The evidence body (5-7 KB of JSON per record) is TOASTed; PostgreSQL's default pglz
-- compression was a large share of the server's CPU per recorded decision. lz4 (PostgreSQL 14+, when built
-- with it) compresses as well for JSON at a fraction of the CPU. Where lz4 is not available the column keeps
-- the server's default: the stored text is the same either way, only its on-disk compression differs.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE audit_record ALTER COLUMN body SET COMPRESSION lz4';
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'audit_record.body keeps the default compression: %', SQLERRM;
END
$$;
