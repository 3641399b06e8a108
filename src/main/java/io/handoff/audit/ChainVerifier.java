package io.handoff.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks the chain (or a range) oldest first: each record's hash must be SHA-256 of its seq, link and stored
 * body; each link must be the previous record's hash (or the checkpoint of a range retention removed); the
 * indexed columns must say what the body says; and a whole-chain walk must end at the recorded head.
 */
final class ChainVerifier {
    private static final int PAGE = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AuditStore store;

    ChainVerifier(AuditStore store) {
        this.store = store;
    }

    VerifyReport verify(Long requestedFrom, Long requestedTo) {
        long started = System.nanoTime();
        AuditStore.Head head = store.head();
        Map<Long, Checkpoint> checkpoints = new TreeMap<>();
        store.checkpoints().forEach(c -> checkpoints.put(c.firstSeq(), c));
        long from = requestedFrom == null ? 1 : Math.max(1, requestedFrom);
        long to = requestedTo == null ? head.seq() : Math.min(requestedTo, head.seq());
        Walk walk = new Walk(from, expectedLinkBefore(from, checkpoints));
        while (walk.bad == null && walk.nextSeq <= to) {
            List<AuditStore.StoredRow> rows = store.rows(walk.nextSeq, to, PAGE);
            for (AuditStore.StoredRow row : rows) {
                walk.check(row, checkpoints);
                if (walk.bad != null) {
                    break;
                }
            }
            if (rows.isEmpty() && walk.bad == null) {
                walk.crossGapTo(to + 1, checkpoints);
                break;
            }
        }
        if (walk.bad == null && requestedTo == null && walk.expectedPrev != null && !walk.expectedPrev.equals(head.hash())) {
            walk.bad = new VerifyReport.FirstBad(head.seq(), null, "the chain head (seq " + head.seq()
                    + ") does not match the last record: records at the end were removed or altered");
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        return new VerifyReport(walk.bad == null ? VerifyReport.INTACT : VerifyReport.BROKEN, from, to, walk.checked,
                walk.crossed, walk.bad, elapsed);
    }

    /** The hash the record at {@code seq} must link to; null when unknown (the record before is gone without checkpoint). */
    private String expectedLinkBefore(long seq, Map<Long, Checkpoint> checkpoints) {
        if (seq == 1) {
            return ChainHash.GENESIS;
        }
        for (Checkpoint c : checkpoints.values()) {
            if (c.lastSeq() == seq - 1) {
                return c.lastHash();
            }
        }
        return store.hashAt(seq - 1).orElse(null);
    }

    private static final class Walk {
        long nextSeq;
        String expectedPrev;
        long checked;
        long crossed;
        VerifyReport.FirstBad bad;

        Walk(long nextSeq, String expectedPrev) {
            this.nextSeq = nextSeq;
            this.expectedPrev = expectedPrev;
        }

        void check(AuditStore.StoredRow row, Map<Long, Checkpoint> checkpoints) {
            if (row.seq() != nextSeq && !crossGapTo(row.seq(), checkpoints)) {
                return;
            }
            if (expectedPrev != null && !expectedPrev.equals(row.prevHash())) {
                bad = new VerifyReport.FirstBad(row.seq(), row.decisionId(), "prev_hash does not link to the record before");
            } else if (!ChainHash.of(row.seq(), row.prevHash(), row.body()).equals(row.hash())) {
                bad = new VerifyReport.FirstBad(row.seq(), row.decisionId(), "hash does not match the stored record");
            } else {
                String columns = columnsMatchBody(row);
                if (columns != null) {
                    bad = new VerifyReport.FirstBad(row.seq(), row.decisionId(), columns);
                }
            }
            if (bad == null) {
                expectedPrev = row.hash();
                nextSeq = row.seq() + 1;
                checked++;
            }
        }

        /** Records nextSeq..target-1 are absent: only a chain of checkpoints covering them exactly is acceptable. */
        boolean crossGapTo(long target, Map<Long, Checkpoint> checkpoints) {
            while (nextSeq < target) {
                Checkpoint c = checkpoints.get(nextSeq);
                if (c == null || c.lastSeq() >= target || (expectedPrev != null && !expectedPrev.equals(c.prevHash()))) {
                    bad = new VerifyReport.FirstBad(nextSeq, null, c == null
                            ? "records " + nextSeq + ".." + (target - 1) + " are missing and no retention checkpoint covers them"
                            : "retention checkpoint at " + nextSeq + " does not link to the record before");
                    return false;
                }
                expectedPrev = c.lastHash();
                nextSeq = c.lastSeq() + 1;
                crossed++;
            }
            return true;
        }

        private static String columnsMatchBody(AuditStore.StoredRow row) {
            JsonNode body;
            try {
                body = JSON.readTree(row.body());
            } catch (RuntimeException e) {
                return "stored body is not JSON";
            }
            // a step after a decision (approval, attempt, ...) is stored under its own record id and names its decision
            String id = body.has("recordId") ? text(body, "recordId") : text(body, "decisionId");
            if (!Objects.equals(row.decisionId(), id)
                    || !Objects.equals(row.outcome(), text(body, "outcome"))
                    || !Objects.equals(row.posture(), text(body, "posture"))
                    || !Objects.equals(row.contractId(), text(body, "contractId"))) {
                return "indexed columns differ from the hashed record";
            }
            return null;
        }

        private static String text(JsonNode body, String field) {
            JsonNode value = body.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }
    }
}
