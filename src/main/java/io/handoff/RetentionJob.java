package io.handoff;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.handoff.audit.AuditLog;

/** Applies audit retention by posture on a fixed delay ({@code handoff.audit.retention-interval}). */
@Component
class RetentionJob {
    private final AuditLog auditLog;
    private final Clock clock;

    RetentionJob(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${handoff.audit.retention-interval:1h}", initialDelayString = "${handoff.audit.retention-interval:1h}")
    void applyRetention() {
        auditLog.applyRetention(clock.instant());
    }
}
