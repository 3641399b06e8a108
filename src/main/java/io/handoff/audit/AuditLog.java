package io.handoff.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision log's one entry point: append (group-committed, returns only once durable), look up,
 * search with cursor paging, stream for export, verify the chain and apply retention.
 */
public final class AuditLog implements AutoCloseable {
    private final AuditStore store;
    private final AuditWriter writer;
    private final ChainVerifier verifier;
    private final Retention retention;
    private final Masking masking;
    private final SignedCheckpointStore signed;
    private final Checkpointer checkpointer;

    /** A log without signed checkpoints: verification checks hashes, links and columns only (tools and tests). */
    public AuditLog(JdbcTemplate jdbc, TransactionTemplate transactions, AuditProperties properties) {
        this(jdbc, transactions, properties, null, Clock.systemUTC());
    }

    /** A log whose head is signed as {@code signing} says (null: never), and verified against its checkpoints. */
    public AuditLog(JdbcTemplate jdbc, TransactionTemplate transactions, AuditProperties properties, AuditSigning signing,
                    Clock clock) {
        this.store = new AuditStore(jdbc, transactions);
        this.writer = new AuditWriter(store, properties.queueCapacity(), properties.maxBatch(), properties.commitTimeout());
        this.signed = new SignedCheckpointStore(jdbc);
        this.checkpointer = signing == null ? null : new Checkpointer(store, signed, signing, clock);
        this.verifier = new ChainVerifier(store, signed, signing);
        this.retention = new Retention(store, properties.retention());
        this.masking = new Masking(properties.maskPointers());
    }

    /** Commits the entry to the log and returns the stored record; throws {@link AuditUnavailableException} if it cannot. */
    public AuditRecord append(AuditEntry entry) {
        return append(entry, null, null);
    }

    /**
     * Like {@link #append(AuditEntry)}, and hands {@code payload} to {@code alongside} in the same transaction
     * as the insert: the record and that state commit together or not at all.
     */
    public AuditRecord append(AuditEntry entry, Alongside alongside, Object payload) {
        return append(entry, alongside, payload, () -> { });
    }

    /**
     * As above; {@code queued} runs once the entry is queued for its group commit, before the caller starts
     * waiting for it: the decision path gives back its evaluation slot there, since waiting uses no CPU.
     */
    public AuditRecord append(AuditEntry entry, Alongside alongside, Object payload, Runnable queued) {
        return writer.append(AuditStore.Prepared.of(entry, alongside, payload), queued);
    }

    /**
     * Writes {@code payload} through {@code alongside} in a group commit, as {@link #append(AuditEntry, Alongside,
     * Object, Runnable)} does, but records nothing: the service with recording switched off (benchmarks only)
     * still opens what its decisions open (handoff state, approvals, incidents), so switching recording off
     * takes away the log and nothing else.
     */
    public void applyWithoutRecord(Alongside alongside, Object payload, Runnable queued) {
        writer.append(AuditStore.Prepared.of(null, alongside, payload), queued);
    }

    /**
     * Appends at once in the caller's transaction (joined, or a new one), bypassing group commit: for
     * low-volume steps (approvals, attempts, incidents) whose state changes must commit with their record.
     * Call {@link #lockHead()} first when the transaction also locks other rows, so every writer takes the
     * chain head before anything else and no two wait on each other.
     */
    public AuditRecord appendNow(AuditEntry entry) {
        return store.append(List.of(AuditStore.Prepared.of(entry, null, null))).get(0);
    }

    /** Takes the chain-head lock in the caller's transaction; see {@link #appendNow(AuditEntry)}. */
    public void lockHead() {
        store.lockHead();
    }

    public Masking masking() {
        return masking;
    }

    public Optional<AuditRecord> find(String decisionId) {
        return store.find(decisionId);
    }

    public List<AuditRecord> search(AuditQuery query, int limit) {
        return store.search(query, limit);
    }

    /** Newest first, without bodies ({@code record} null): for listings, which show the columns only. */
    public List<AuditRecord> summaries(AuditQuery query, int limit) {
        return store.search(query, limit, false);
    }

    public void stream(AuditQuery query, Consumer<AuditRecord> sink) {
        store.stream(query, true, sink);
    }

    /** Oldest first, without bodies ({@code record} null): for exports of summaries. */
    public void streamSummaries(AuditQuery query, Consumer<AuditRecord> sink) {
        store.stream(query, false, sink);
    }

    public VerifyReport verify(Long fromSeq, Long toSeq) {
        try {
            return verifier.verify(fromSeq, toSeq);
        } catch (org.springframework.dao.DataAccessException e) {
            // the store could not be read (no connection in time, database down): 503 as for a decision, never a 500
            throw new AuditUnavailableException("the audit log could not be read to verify it: "
                    + e.getMostSpecificCause().getMessage(), e);
        }
    }

    public Retention.Report applyRetention(Instant now) {
        return retention.run(now);
    }

    public List<Checkpoint> checkpoints() {
        return store.checkpoints();
    }

    /** The signed checkpoints the database holds (the external sink holds them too). */
    public List<SignedCheckpoint> signedCheckpoints() {
        return signed.all();
    }

    /** Signs the chain head now, unless it is signed already or nothing is signed; empty then. */
    public Optional<SignedCheckpoint> signCheckpoint() {
        return checkpointer == null ? Optional.empty() : checkpointer.signNow();
    }

    /** Calls {@code listener} with the size and commit time (ns) of every batch written. */
    public void onBatch(java.util.function.ObjLongConsumer<Integer> listener) {
        writer.listen(listener::accept);
    }

    /** True when the audit store answers a query now. */
    public boolean reachable() {
        try {
            store.head();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Null when the store takes writes now (a transaction takes the chain-head row lock and rolls back), else
     * what went wrong: for preflight checks, which must not wait for a decision to fail.
     */
    public String writeProblem() {
        try {
            store.transactions().executeWithoutResult(status -> {
                store.lockHead();
                status.setRollbackOnly();
            });
            return null;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return "the audit store does not take writes: " + root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }

    public int queueDepth() {
        return writer.queueDepth();
    }

    public long batchesWritten() {
        return writer.batchesWritten();
    }

    public long recordsWritten() {
        return writer.recordsWritten();
    }

    /** Writes what is queued, then signs the head it ends at. */
    @Override
    public void close() {
        writer.close();
        if (checkpointer != null) {
            checkpointer.close();
        }
    }
}
