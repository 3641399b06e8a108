package io.handoff.audit;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills a PostgreSQL log fast for scale benchmarks: real decision records (templates decided by the real service code)
 * copied with fresh decision and contract ids, numbered, linked and hashed by the store's own code
 * ({@link AuditStore#chain}, {@link AuditStore#rows}: the same records, format and columns as an append), then written
 * with PostgreSQL's COPY, {@code batchSize} records and the moved chain head per transaction, without the group-commit
 * writer in front. What it skips is only the per-statement cost of INSERT; the rows are those the service writes.
 */
public final class BulkRecords {
    private BulkRecords() {
    }

    /**
     * Appends {@code count} records cycling through {@code templates}, spread over {@code contracts} contract ids
     * ({@code HC-BULK-000000}...); returns records per second.
     */
    public static double append(JdbcTemplate jdbc, TransactionTemplate transactions, List<AuditEntry> templates, int count,
                                int contracts, int batchSize) {
        AuditStore store = new AuditStore(jdbc, transactions);
        long start = System.nanoTime();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<AuditStore.Prepared> batch = new ArrayList<>(batchSize);
        AuditStore.Head[] head = {store.head()};
        for (int i = 0; i < count; i++) {
            AuditEntry t = templates.get(i % templates.size());
            String decisionId = UUID.randomUUID().toString();
            String contractId = String.format("HC-BULK-%06d", i % contracts);
            String body = t.body().replace(t.decisionId(), decisionId).replace("\"" + t.contractId() + "\"", "\"" + contractId + "\"");
            AuditEntry e = new AuditEntry(decisionId, t.kind(), contractId, t.domain(), t.handoffType(), t.outcome(), t.posture(),
                    t.rulesetVersion(), t.inputHash(), at.plusMillis(i), body, t.ruleIds(), t.gateIds());
            batch.add(AuditStore.Prepared.of(e, null, null));
            if (batch.size() == batchSize || i == count - 1) {
                List<AuditRecord> records = AuditStore.chain(head[0], batch);
                String copy = copyText(AuditStore.rows(records, batch));
                AuditRecord last = records.get(records.size() - 1);
                transactions.executeWithoutResult(status -> {
                    jdbc.execute((ConnectionCallback<Long>) connection -> {
                        try {
                            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY audit_record ("
                                    + AuditStore.INSERT_COLUMNS + ") FROM STDIN", new StringReader(copy));
                        } catch (java.io.IOException e1) {
                            throw new java.io.UncheckedIOException(e1);
                        }
                    });
                    jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", last.seq(), last.hash());
                });
                head[0] = new AuditStore.Head(last.seq(), last.hash());
                batch.clear();
                if ((i + 1) % 100_000 < batchSize) {
                    System.out.printf("  %,d records appended%n", i + 1);
                }
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** COPY's text format: tab-separated, \N for null, backslash, tab and line breaks escaped. */
    private static String copyText(List<Object[]> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 8192);
        for (Object[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    out.append('\t');
                }
                Object value = row[c];
                if (value == null) {
                    out.append("\\N");
                    continue;
                }
                if (value instanceof byte[] bytes) { // bytea in COPY's text format: \x and hex, its backslash escaped
                    out.append("\\\\x").append(java.util.HexFormat.of().formatHex(bytes));
                    continue;
                }
                String text = value.toString();
                for (int k = 0; k < text.length(); k++) {
                    char ch = text.charAt(k);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(ch);
                    }
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
