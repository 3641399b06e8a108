package io.handoff.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log's settings ({@code handoff.audit.*}): which contract fields are masked, the group-commit
 * batch and queue sizes, how long a request waits for its commit, and retention per posture
 * ({@code invalid-contract} for rejected attempts). {@code recording=false} exists for benchmarks only.
 */
@ConfigurationProperties("handoff.audit")
public record AuditProperties(
        @DefaultValue("true") boolean recording,
        @DefaultValue({"/case/customer/email", "/case/customer/name"}) List<String> maskPointers,
        @DefaultValue("256") int maxBatch,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("10s") Duration commitTimeout,
        @DefaultValue("1h") Duration retentionInterval,
        Map<String, Duration> retention) {

    public static final Map<String, Duration> DEFAULT_RETENTION = Map.of(
            "green", Duration.ofDays(90), "amber", Duration.ofDays(365), "red", Duration.ofDays(730),
            "critical", Duration.ofDays(2557), "invalid-contract", Duration.ofDays(90));

    public AuditProperties {
        maskPointers = List.copyOf(maskPointers);
        retention = retention == null || retention.isEmpty() ? DEFAULT_RETENTION : Map.copyOf(retention);
        if (maxBatch < 1 || queueCapacity < maxBatch) {
            throw new IllegalArgumentException("handoff.audit: need max-batch >= 1 and queue-capacity >= max-batch");
        }
    }
}
