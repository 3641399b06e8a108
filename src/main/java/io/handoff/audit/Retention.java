package io.handoff.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires records by posture: each maximal run of consecutive expired records is removed in one
 * transaction and replaced by a checkpoint holding the hashes on either side, so the chain stays verifiable.
 * The only delete path of the log.
 */
public final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int PAGE = 5000;
    private final AuditStore store;
    private final Map<String, Duration> keep;

    Retention(AuditStore store, Map<String, Duration> keep) {
        this.store = store;
        this.keep = keep;
    }

    /** What a run removed. */
    public record Report(int ranges, long removed) {
    }

    private record Row(long seq, String key, Instant recordedAt, String prevHash, String hash) {
    }

    Report run(Instant now) {
        List<List<Row>> runs = new ArrayList<>();
        List<Row> current = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Row> page = store.jdbc().query("SELECT seq, kind, posture, recorded_at, prev_hash, hash FROM audit_record "
                            + "WHERE seq > ? ORDER BY seq LIMIT " + PAGE,
                    (rs, n) -> new Row(rs.getLong(1), retentionKey(rs.getString(2), rs.getString(3)),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6)), after);
            for (Row row : page) {
                boolean contiguous = current.isEmpty() || current.get(current.size() - 1).seq() + 1 == row.seq();
                if (!expired(row, now) || !contiguous) {
                    flush(current, runs);
                }
                if (expired(row, now)) {
                    current.add(row);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).seq();
        }
        flush(current, runs);
        long removed = 0;
        for (List<Row> range : runs) {
            removed += remove(range, now);
        }
        if (removed > 0) {
            log.info("retention removed {} record(s) in {} range(s), replaced by checkpoints", removed, runs.size());
        }
        return new Report(runs.size(), removed);
    }

    /**
     * What a record's retention follows: its posture; rejected attempts follow {@code invalid-contract}; records
     * without a posture (rollout changes, for instance) follow their kind and are kept unless one is configured.
     */
    private static String retentionKey(String kind, String posture) {
        if ("rejection".equals(kind)) {
            return "invalid-contract";
        }
        return posture != null ? posture : kind;
    }

    private boolean expired(Row row, Instant now) {
        Duration duration = keep.get(row.key());
        return duration != null && row.recordedAt().isBefore(now.minus(duration));
    }

    private static void flush(List<Row> current, List<List<Row>> runs) {
        if (!current.isEmpty()) {
            runs.add(List.copyOf(current));
            current.clear();
        }
    }

    private long remove(List<Row> range, Instant now) {
        long first = range.get(0).seq();
        long last = range.get(range.size() - 1).seq();
        return store.transactions().execute(status -> {
            store.jdbc().update("INSERT INTO audit_checkpoint (first_seq, last_seq, prev_hash, last_hash, removed, reason, created_at) "
                            + "VALUES (?,?,?,?,?,?,?)", first, last, range.get(0).prevHash(), range.get(range.size() - 1).hash(),
                    range.size(), "retention by posture", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            return (long) store.jdbc().update("DELETE FROM audit_record WHERE seq BETWEEN ? AND ?", first, last);
        });
    }
}
