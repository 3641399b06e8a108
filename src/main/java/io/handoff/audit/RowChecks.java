package io.handoff.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What can be checked of a record on its own, without the records around it (format 2: its hash recomputed from seq,
 * link, columns and stored body bytes, no JSON read; format 1: its hash from seq, link and body, its columns against
 * the body's top-level fields), checked for a range in parallel: rows are streamed oldest first, cut into
 * chunks, each chunk checked on a worker thread, and the results handed back in seq order to the walk, which joins
 * the chain (links, gaps, signed checkpoints) one record after the other, across chunk edges as within a chunk. At
 * most {@code 2 x threads} chunks are held at once, whatever the size of the range.
 */
final class RowChecks {
    /** A stored row and the checks that need nothing but the row. */
    record Checked(AuditStore.StoredRow row, boolean hashMatches, String columnsProblem) {
    }

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
        boolean[] stopped = {false};
        List<AuditStore.StoredRow> chunk = new ArrayList<>(chunkSize);
        try {
            store.streamRows(from, to, chunkSize, row -> {
                chunk.add(row);
                if (chunk.size() == chunkSize) {
                    pending.add(workers.submit(check(List.copyOf(chunk))));
                    chunk.clear();
                    stopped[0] = !drain(pending, 2 * threads, walk);
                }
                return !stopped[0];
            });
            if (!stopped[0] && !chunk.isEmpty()) {
                pending.add(workers.submit(check(List.copyOf(chunk))));
            }
            if (!stopped[0]) {
                drain(pending, 0, walk);
            }
        } finally {
            workers.shutdownNow();
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

    private java.util.concurrent.Callable<List<Checked>> check(List<AuditStore.StoredRow> rows) {
        return () -> {
            List<Checked> checked = new ArrayList<>(rows.size());
            for (AuditStore.StoredRow row : rows) {
                checked.add(row.format() == ChainHash.FORMAT_BODY_ONLY ? checkBodyOnly(row) : checkColumnsAndBody(row));
            }
            return checked;
        };
    }

    /** Format 2: the hash covers the columns and the stored bytes; nothing is parsed. */
    private static Checked checkColumnsAndBody(AuditStore.StoredRow row) {
        if (row.format() != ChainHash.FORMAT_COLUMNS_AND_BODY) {
            return new Checked(row, false, null);
        }
        return new Checked(row, ChainHash.of(row.seq(), row.prevHash(), row.columns(), row.body()).equals(row.hash()), null);
    }

    /** Format 1: the hash covers the body; the columns are compared with the body's top-level fields. */
    private Checked checkBodyOnly(AuditStore.StoredRow row) {
        boolean hashMatches = ChainHash.of(row.seq(), row.prevHash(), row.body()).equals(row.hash());
        return new Checked(row, hashMatches, hashMatches ? columnsProblem(row) : null);
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
