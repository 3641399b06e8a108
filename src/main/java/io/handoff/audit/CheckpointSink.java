package io.handoff.audit;

import java.util.List;

/**
 * Where signed checkpoints go besides the database: somewhere the database's administrators cannot rewrite (an
 * append-only file on another host, an object store with retention lock, a transparency log). Verification reads
 * them back and requires the chain to still reach each one.
 */
public interface CheckpointSink {
    /** Appends durably; returns only once the checkpoint is stored. */
    void append(SignedCheckpoint checkpoint);

    /** Every checkpoint appended so far, in the order appended. */
    List<SignedCheckpoint> readAll();

    /** Where the checkpoints are, for messages. */
    String describe();
}
