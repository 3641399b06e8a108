package io.handoff.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What can be checked of a record on its own, without the records around it (formats 2 and 3: its hash recomputed from
 * seq, link, columns and stored body bytes, no JSON read, a packed body not inflated; format 1: its hash from seq, link and body, its columns against
 * the body's top-level fields), checked for a range in parallel: the range is cut into chunks of consecutive seqs,
 * each chunk read (on a connection of its own, one query per chunk) and checked on a worker thread, and the results
 * handed back in seq order to the walk, which joins the chain (links, gaps, signed checkpoints) one record after the
 * other, across chunk edges as within a chunk. A result keeps no body: at most {@code 2 x threads} chunks of results
 * are held at once, and one chunk of rows per worker, whatever the size of the range.
 */
final class RowChecks {
    /** A stored row's chain fields and the checks that need nothing but the row. */
    record Checked(long seq, String decisionId, String prevHash, String hash, boolean hashMatches, String columnsProblem) {
    }

    /**
     * Rows per round trip. The driver holds a whole fetch in memory: small fetches keep each row's bytes short-lived
     * (a chunk of 6 KB bodies held whole survived young collections and was copied).
     */
    private static final int FETCH = 250;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final AuditStore store;
    private final int chunkSize;
    private final int threads;

    RowChecks(AuditStore store, int chunkSize, int threads) {
        this.store = store;
        this.chunkSize = chunkSize;
        this.threads = threads;
    }

    /** Checks rows {@code from..to}, handing each to {@code walk} in seq order until it returns false. */
    void run(long from, long to, Predicate<Checked> walk) {
        ExecutorService workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "audit-verify-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<List<Checked>>> pending = new ArrayDeque<>();
        AtomicBoolean stopped = new AtomicBoolean();
        try {
            boolean walking = true;
            for (long start = from; walking && start <= to; start += chunkSize) {
                pending.add(workers.submit(check(start, Math.min(to, start + chunkSize - 1), stopped)));
                walking = drain(pending, 2 * threads, walk);
            }
            if (walking) {
                drain(pending, 0, walk);
            }
        } finally {
            // never interrupt a worker: it is inside a JDBC read, and an interrupt during H2's file read closes the
            // FileChannel and with it the whole database ("The database has been closed"). Chunks not started are
            // cancelled; a running one stops at its next row and gives its connection back.
            stopped.set(true);
            pending.forEach(future -> future.cancel(false));
            workers.shutdown();
        }
    }

    /** Walks the oldest chunks until at most {@code keep} are pending; false once the walk stopped. */
    private static boolean drain(Deque<Future<List<Checked>>> pending, int keep, Predicate<Checked> walk) {
        while (pending.size() > keep) {
            for (Checked checked : result(pending.poll())) {
                if (!walk.test(checked)) {
                    return false;
                }
            }
        }
        return true;
    }

    private Callable<List<Checked>> check(long from, long to, AtomicBoolean stopped) {
        return () -> {
            List<Checked> checked = new ArrayList<>((int) (to - from + 1));
            store.streamRows(from, to, FETCH, row -> !stopped.get() && checked.add(row.format() == ChainHash.FORMAT_BODY_ONLY
                    ? checkBodyOnly(row) : checkColumnsAndBody(row)));
            return checked;
        };
    }

    /**
     * Formats 2 and 3: the hash covers the columns and the stored bytes (3: the packed body, never inflated); nothing is
     * parsed. An unknown format never matches.
     */
    private static Checked checkColumnsAndBody(AuditStore.StoredRow row) {
        boolean matches = (row.format() == ChainHash.FORMAT_COLUMNS_AND_BODY || row.format() == ChainHash.FORMAT_PACKED)
                && row.body() != null && ChainHash.of(row.format(), row.seq(), row.prevHash(), row.columnBytes(), row.body()).equals(row.hash());
        return checked(row, matches, matches ? strayProblem(row) : null);
    }

    /** Format 1: the hash covers the body; the columns are compared with the body's top-level fields. */
    private Checked checkBodyOnly(AuditStore.StoredRow row) {
        boolean matches = row.body() != null && ChainHash.of(row.seq(), row.prevHash(), row.body()).equals(row.hash());
        String problem = matches ? strayProblem(row) : null;
        return checked(row, matches, matches && problem == null ? columnsProblem(row) : problem);
    }

    /** A body column the record's format does not hash holds a value: text no hash covers, which no writer leaves. */
    private static String strayProblem(AuditStore.StoredRow row) {
        return !row.stray() ? null : row.format() == ChainHash.FORMAT_PACKED
                ? "body holds text beside the packed body: a format-3 record's evidence is body_packed alone, the text is covered by no hash"
                : "body_packed holds bytes beside the body: a format-" + row.format() + " record's evidence is its body alone, the bytes are covered by no hash";
    }

    private static Checked checked(AuditStore.StoredRow row, boolean hashMatches, String columnsProblem) {
        return new Checked(row.seq(), row.decisionId(), row.prevHash(), row.hash(), hashMatches, columnsProblem);
    }

    private String columnsProblem(AuditStore.StoredRow row) {
        JsonNode fields;
        try {
            fields = RecordColumns.fields(row.body());
        } catch (JacksonException notJson) {
            return "stored body is not JSON";
        }
        HashedColumns c = row.columns();
        return RecordColumns.problem(new RecordColumns.Columns(c.decisionId(), c.kind(), c.contractId(), c.domain(),
                c.handoffType(), c.outcome(), c.posture(), c.rulesetVersion(), c.inputHash()), fields, store::rulesetVersionOf);
    }

    private static List<Checked> result(Future<List<Checked>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("verification interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
