package io.handoff.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the chain head every {@code everyRecords} records or {@code every} (whichever comes first, and only when
 * the chain moved), and once more on shutdown. Each checkpoint goes to the sink first, then to the database: the
 * sink is the copy that counts. It watches the head rather than the writer, so records appended directly in a
 * caller's transaction (approvals, flag and key changes) count too, and so do other instances' records.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    private final AuditStore store;
    private final SignedCheckpointStore checkpoints;
    private final CheckpointSigner signer;
    private final CheckpointSink sink;
    private final int everyRecords;
    private final Duration every;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private long lastSeq = -1;
    private Instant lastAt;

    Checkpointer(AuditStore store, SignedCheckpointStore checkpoints, AuditSigning signing, Clock clock) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.signer = signing.signer();
        this.sink = signing.sink();
        this.everyRecords = signing.everyRecords();
        this.every = signing.every();
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-checkpointer");
            thread.setDaemon(true);
            return thread;
        });
        long poll = Math.max(10, Math.min(every.toMillis(), 1000));
        timer.scheduleWithFixedDelay(this::tick, poll, poll, TimeUnit.MILLISECONDS);
    }

    private synchronized void tick() {
        try {
            AuditStore.Head head = store.head();
            if (lastSeq < 0) {
                lastSeq = checkpoints.lastSeq();
                lastAt = clock.instant();
            }
            boolean due = head.seq() - lastSeq >= everyRecords || !clock.instant().isBefore(lastAt.plus(every));
            if (head.seq() > lastSeq && due) {
                sign(head);
            }
        } catch (RuntimeException e) {
            log.warn("could not sign an audit checkpoint now, will retry: {}", e.getMessage());
        }
    }

    /** Signs the current head unless it is signed already; empty when there is nothing new to sign. */
    synchronized Optional<SignedCheckpoint> signNow() {
        AuditStore.Head head = store.head();
        if (head.seq() == 0 || head.seq() <= Math.max(lastSeq, checkpoints.lastSeq())) {
            return Optional.empty();
        }
        return Optional.of(sign(head));
    }

    private SignedCheckpoint sign(AuditStore.Head head) {
        SignedCheckpoint checkpoint = signer.sign(head.seq(), head.hash(), clock.instant());
        sink.append(checkpoint);
        checkpoints.insert(checkpoint);
        lastSeq = head.seq();
        lastAt = clock.instant();
        log.debug("signed audit checkpoint at seq {} ({})", head.seq(), sink.describe());
        return checkpoint;
    }

    /** Stops the timer and signs the head the log ends at, so a restart's verification covers every record. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            signNow().ifPresent(c -> log.info("signed audit checkpoint at seq {} on shutdown", c.seq()));
        } catch (RuntimeException e) {
            log.warn("could not sign the audit checkpoint on shutdown: {}", e.getMessage());
        }
    }
}
