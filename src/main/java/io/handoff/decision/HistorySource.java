package io.handoff.decision;

import io.handoff.contract.HandoffContract;

/**
 * Where the decision path reads a contract's history from, before any rule runs: the handoffs and bounces of its ticket
 * and its receiver's bounce rate, in windows ending at the contract's {@code asOf}. Implemented where handoffs are kept.
 */
@FunctionalInterface
public interface HistorySource {
    /** What the records say now about the contract's ticket and receiver; null when nothing is kept (see {@link #NONE}). */
    HandoffHistory read(HandoffContract contract);

    /** No records: decisions are made without history (tools, tests, benchmarks). */
    HistorySource NONE = contract -> null;
}
