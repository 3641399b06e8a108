package io.handoff.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: request threads enqueue records and wait; one writer thread takes everything queued (up to
 * a batch size) and appends it in one transaction, then wakes the waiters. Nothing is acknowledged before
 * its transaction commits; a failed batch fails every waiter in it.
 */
final class AuditWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

    private final AuditStore store;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final Duration commitTimeout;
    private final Thread thread;
    private final LongAdder batches = new LongAdder();
    private final LongAdder records = new LongAdder();
    private volatile boolean running = true;
    private volatile BatchListener listener = (size, nanos) -> { };

    /** Told of every committed batch: how many records and how long the transaction took. */
    @FunctionalInterface
    interface BatchListener {
        void committed(int size, long nanos);
    }

    void listen(BatchListener batchListener) {
        this.listener = batchListener;
    }

    private record Pending(AuditStore.Prepared prepared, CompletableFuture<AuditRecord> done) {
    }

    AuditWriter(AuditStore store, int queueCapacity, int maxBatch, Duration commitTimeout) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxBatch = maxBatch;
        this.commitTimeout = commitTimeout;
        this.thread = new Thread(this::run, "audit-writer");
        this.thread.setDaemon(false);
        this.thread.start();
    }

    AuditRecord append(AuditStore.Prepared prepared) {
        return append(prepared, () -> { });
    }

    /** Queues the record, runs {@code queued} (the caller stops counting as busy), then waits for the commit. */
    AuditRecord append(AuditStore.Prepared prepared, Runnable queued) {
        Pending pending = new Pending(prepared, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw new AuditUnavailableException(running ? "audit queue is full" : "audit log is shutting down", null);
        }
        queued.run();
        try {
            return pending.done().get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException("audit store write failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("audit store did not commit within " + commitTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while waiting for the audit store", e);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            long start = System.nanoTime();
            List<AuditRecord> stored = store.append(batch.stream().map(Pending::prepared).toList());
            listener.committed(batch.size(), System.nanoTime() - start);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(stored.get(i));
            }
            batches.increment();
            records.add(batch.size());
        } catch (RuntimeException e) {
            boolean storeDown = e instanceof org.springframework.dao.DataAccessResourceFailureException
                    || e instanceof org.springframework.dao.TransientDataAccessException;
            if (batch.size() > 1 && !storeDown && batch.stream().anyMatch(p -> p.prepared().alongside() != null)) {
                // one record's failure (its alongside state, say) must not fail the others: write them one by one;
                // not when the store is down, where each retry would only wait for its own connection timeout
                log.warn("audit batch of {} failed ({}); retrying its records one by one", batch.size(), e.getMessage());
                for (Pending pending : batch) {
                    write(new ArrayList<>(List.of(pending)));
                }
                return;
            }
            log.error("audit record failed; its caller gets 503", e);
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    int queueDepth() {
        return queue.size();
    }

    long batchesWritten() {
        return batches.sum();
    }

    /** Items committed: records, and with recording switched off the state-only items that stand for them. */
    long recordsWritten() {
        return records.sum();
    }

    /** Stops taking records, writes what is queued, and waits for the writer to finish. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(commitTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
