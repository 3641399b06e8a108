package io.handoff.notify;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One notice on its way to one webhook. {@code status}: pending (waiting for its next try), delivered, or dead (tried
 * {@code handoff.notify.max-attempts} times, or its webhook is no longer configured); {@code body} is the exact JSON
 * that was signed and sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(String deliveryId, String eventId, String webhook, String kind, String contractId, String severity,
                       String status, int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError,
                       Instant createdAt, Instant deliveredAt, @JsonRawValue String body) {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";

    /** The row's claim counter is not part of the view; the store passes it separately. */
    record Claimable(Delivery delivery, int claims) {
    }
}
