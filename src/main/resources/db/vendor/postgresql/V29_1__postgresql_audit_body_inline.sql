-- PostgreSQL only. Keep the compressed evidence body inside the row instead of the TOAST table, and leave the small
-- columns uncompressed: PostgreSQL compresses a row's values (largest first) until the row is under
-- toast_tuple_target (default ~2 KB), then moves values out of line. A 5.5-7 KB body compressed (lz4, V8) is 2-3 KB, so
-- under the default the body went out of line (a TOAST index lookup and chunk reassembly for every record read) and the
-- fired-rule list was compressed too (decompressed on every read). With a target of 4 KB the compressed body
-- stays in the row and nothing else is compressed; a body larger than that after compression still moves out of
-- line. The stored text is the same either way; rows written before this keep their layout. H2 has no such setting.
ALTER TABLE audit_record SET (toast_tuple_target = 4080);
