package io.handoff.audit;

import java.util.List;

/**
 * State written in the same transaction as the records that carry it, once per group-committed batch: the
 * payloads of every record in the batch that names this writer, in log order. One call per batch keeps the
 * single writer thread to a few statements per batch rather than a few per record.
 */
@FunctionalInterface
public interface Alongside {
    void writeAll(List<Object> payloads);
}
