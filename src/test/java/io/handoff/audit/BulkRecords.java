package io.handoff.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills a log fast for scale benchmarks: real decision records (templates decided by the real service code) copied
 * with fresh decision and contract ids, appended through the store's own append (same hash chain, same columns),
 * in large batches without the group-commit writer in front.
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
        for (int i = 0; i < count; i++) {
            AuditEntry t = templates.get(i % templates.size());
            String decisionId = UUID.randomUUID().toString();
            String contractId = String.format("HC-BULK-%06d", i % contracts);
            String body = t.body().replace(t.decisionId(), decisionId).replace("\"" + t.contractId() + "\"", "\"" + contractId + "\"");
            AuditEntry e = new AuditEntry(decisionId, t.kind(), contractId, t.domain(), t.handoffType(), t.outcome(), t.posture(),
                    t.rulesetVersion(), t.inputHash(), at.plusMillis(i), body, t.ruleIds(), t.gateIds());
            batch.add(new AuditStore.Prepared(e, body, null, null));
            if (batch.size() == batchSize || i == count - 1) {
                store.append(batch);
                batch.clear();
                if ((i + 1) % 100_000 < batchSize) {
                    System.out.printf("  %,d records appended%n", i + 1);
                }
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
