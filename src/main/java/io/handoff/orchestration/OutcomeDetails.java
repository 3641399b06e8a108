package io.handoff.orchestration;

import java.time.Instant;

/**
 * What a caller reports about a handoff: the kind, when it happened, and the details its kind carries
 * ({@code reasonCode} for bounced-back, {@code slipDays} for slipped, {@code metric} and {@code value} for
 * success-metric-reported). Checked by {@link OutcomeCommand}, then against the handoff's domain and contract.
 */
public record OutcomeDetails(String contractId, String kind, Instant occurredAt, String note, String reasonCode,
                             Integer slipDays, String metric, Double value) {
}
