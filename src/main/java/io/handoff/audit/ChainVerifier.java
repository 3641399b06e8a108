package io.handoff.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks the chain (or a range) oldest first, the rows read and their own checks run in parallel chunks
 * ({@link RowChecks}), the chain joined in seq order: each record's hash must be what its format prescribes
 * ({@link ChainHash}: format 2 over seq, link, columns and stored body; format 1 over seq, link and body, with the
 * indexed columns required to say what the body says); each link must be the previous record's hash (or the
 * checkpoint of a range retention removed); each record at a signed checkpoint's seq must hash to what was
 * signed (checkpoints from the database and from the external sink, signatures checked against the trusted
 * keys); and a whole-chain walk must end at the recorded head, with no signed checkpoint beyond it.
 */
final class ChainVerifier {
    /** Consecutive seqs per chunk, read with one query and checked on one worker thread. */
    static final int CHUNK = 2000;
    private final AuditStore store;
    private final SignedCheckpointStore signed;
    private final AuditSigning signing;
    private final RowChecks rowChecks;

    /** One worker per core, at most four: each holds a pooled connection, and decisions need the rest of the pool (10). */
    ChainVerifier(AuditStore store, SignedCheckpointStore signed, AuditSigning signing) {
        this(store, signed, signing, CHUNK, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** {@code chunk} rows per task on {@code threads} worker threads (tests put chunk edges where they tamper). */
    ChainVerifier(AuditStore store, SignedCheckpointStore signed, AuditSigning signing, int chunk, int threads) {
        this.store = store;
        this.signed = signed;
        this.signing = signing;
        this.rowChecks = new RowChecks(store, chunk, threads);
    }

    /**
     * The chunks are read in separate transactions, so not from one snapshot: records at or below the head read at the
     * start never change, but retention may remove a range (and checkpoint it) while the walk runs. A walk that found
     * records missing while the checkpoints changed under it is therefore run once more against the new checkpoints.
     */
    VerifyReport verify(Long requestedFrom, Long requestedTo) {
        long started = System.nanoTime();
        List<Checkpoint> before = store.checkpoints();
        VerifyReport report = verify(requestedFrom, requestedTo, before, started);
        if (report.firstBad() != null && VerifyReport.Problem.MISSING.equals(report.firstBad().code())) {
            List<Checkpoint> after = store.checkpoints();
            if (!after.equals(before)) {
                return verify(requestedFrom, requestedTo, after, started);
            }
        }
        return report;
    }

    private VerifyReport verify(Long requestedFrom, Long requestedTo, List<Checkpoint> retention, long started) {
        AuditStore.Head head = store.head();
        Map<Long, Checkpoint> checkpoints = new TreeMap<>();
        retention.forEach(c -> checkpoints.put(c.firstSeq(), c));
        List<VerifyReport.Problem> problems = new ArrayList<>();
        Anchors anchors = anchors(problems);
        long from = requestedFrom == null ? 1 : Math.max(1, requestedFrom);
        long to = requestedTo == null ? head.seq() : Math.min(requestedTo, head.seq());
        anchors.startAt(from);
        Walk walk = new Walk(from, expectedLinkBefore(from, checkpoints), anchors);
        if (from <= to) {
            rowChecks.run(from, to, checked -> {
                walk.check(checked, checkpoints);
                return walk.bad == null;
            });
        }
        if (walk.bad == null && walk.nextSeq <= to) {
            walk.crossGapTo(to + 1, checkpoints);
        }
        if (walk.bad == null && requestedTo == null && walk.expectedPrev != null && !walk.expectedPrev.equals(head.hash())) {
            walk.bad = new VerifyReport.Problem(head.seq(), null, VerifyReport.Problem.HEAD, "the chain head (seq " + head.seq()
                    + ") does not match the last record: records at the end were removed or altered");
        }
        if (walk.bad != null) {
            problems.add(walk.bad);
        }
        if (requestedTo == null) {
            problems.addAll(anchors.beyond(head.seq()));
        }
        problems.sort(Comparator.comparingLong(VerifyReport.Problem::seq));
        VerifyReport.Problem first = walk.bad != null ? walk.bad : problems.isEmpty() ? null : problems.get(0);
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        return new VerifyReport(first == null ? VerifyReport.INTACT : VerifyReport.BROKEN, from, to, walk.checked,
                walk.crossed, first, elapsed, anchors.reached(), problems);
    }

    /** Checkpoints from the database and the sink; an unreadable sink is a problem, not a reason to skip the rest. */
    private Anchors anchors(List<VerifyReport.Problem> problems) {
        List<SignedCheckpoint> all = new ArrayList<>(signed.all());
        java.util.Set<SignedCheckpoint> inDatabase = java.util.Set.copyOf(all);
        Map<String, PublicKey> trusted = signing == null ? Map.of() : signing.trustedKeys();
        String sinkOnly = null;
        if (signing != null) {
            try {
                all.addAll(signing.sink().readAll());
                // a checkpoint the sink holds and the database does not: the database's copy was removed, or the sink
                // belongs to another database (the default sink is a folder beside the working directory, not the data)
                sinkOnly = " (this checkpoint is held only by the external checkpoints in " + signing.sink().describe()
                        + ", not by the database: either the database's copy was removed, or those external checkpoints belong to"
                        + " another database, e.g. one this database replaced; a new database needs a sink of its own,"
                        + " handoff.audit.signing.sink-dir)";
            } catch (RuntimeException e) {
                problems.add(new VerifyReport.Problem(0, null, VerifyReport.Problem.SINK,
                        "the external checkpoints could not be read (" + signing.sink().describe() + "): " + e.getMessage()));
            }
        }
        String note = sinkOnly;
        Anchors anchors = new Anchors(all, trusted, c -> note != null && !inDatabase.contains(c) ? note : "");
        problems.addAll(anchors.problems());
        return anchors;
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

    /** The chain joined one record after the other, in seq order, from the rows' own checks. */
    private static final class Walk {
        final Anchors anchors;
        long nextSeq;
        String expectedPrev;
        long checked;
        long crossed;
        VerifyReport.Problem bad;

        Walk(long nextSeq, String expectedPrev, Anchors anchors) {
            this.nextSeq = nextSeq;
            this.expectedPrev = expectedPrev;
            this.anchors = anchors;
        }

        void check(RowChecks.Checked row, Map<Long, Checkpoint> checkpoints) {
            if (row.seq() != nextSeq && !crossGapTo(row.seq(), checkpoints)) {
                return;
            }
            if (expectedPrev != null && !expectedPrev.equals(row.prevHash())) {
                bad = problem(row, VerifyReport.Problem.LINK, "prev_hash does not link to the record before");
            } else if (!row.hashMatches()) {
                bad = problem(row, VerifyReport.Problem.HASH, "hash does not match the stored record");
            } else {
                bad = row.columnsProblem() != null ? problem(row, VerifyReport.Problem.COLUMNS, row.columnsProblem())
                        : anchors.check(row.seq(), row.hash(), row.decisionId());
            }
            if (bad == null) {
                expectedPrev = row.hash();
                nextSeq = row.seq() + 1;
                this.checked++;
            }
        }

        /** Records nextSeq..target-1 are absent: only a chain of checkpoints covering them exactly is acceptable. */
        boolean crossGapTo(long target, Map<Long, Checkpoint> checkpoints) {
            while (nextSeq < target) {
                Checkpoint c = checkpoints.get(nextSeq);
                if (c == null || c.lastSeq() >= target || (expectedPrev != null && !expectedPrev.equals(c.prevHash()))) {
                    bad = new VerifyReport.Problem(nextSeq, null, VerifyReport.Problem.MISSING, c == null
                            ? "records " + nextSeq + ".." + (target - 1) + " are missing and no retention checkpoint covers them"
                            : "retention checkpoint at " + nextSeq + " does not link to the record before");
                    return false;
                }
                // a signed checkpoint at the last removed record can still be checked: retention kept its hash
                bad = anchors.check(c.lastSeq(), c.lastHash(), null);
                if (bad != null) {
                    return false;
                }
                expectedPrev = c.lastHash();
                nextSeq = c.lastSeq() + 1;
                crossed++;
            }
            return true;
        }

        private static VerifyReport.Problem problem(RowChecks.Checked row, String code, String message) {
            return new VerifyReport.Problem(row.seq(), row.decisionId(), code, message);
        }
    }
}
