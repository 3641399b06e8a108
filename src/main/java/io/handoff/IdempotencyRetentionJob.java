package io.handoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.handoff.decision.IdempotencyKeys;

/**
 * Forgets idempotency keys older than {@code handoff.decisions.idempotency-retention} (default 24h), every
 * {@code handoff.decisions.idempotency-purge-interval} (default 1h). An expired key is ignored when looked up anyway;
 * this only keeps the table small.
 */
@Component
class IdempotencyRetentionJob {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyRetentionJob.class);
    private final IdempotencyKeys keys;

    IdempotencyRetentionJob(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Scheduled(fixedDelayString = "${handoff.decisions.idempotency-purge-interval:1h}",
            initialDelayString = "${handoff.decisions.idempotency-purge-interval:1h}")
    void purge() {
        int removed = keys.purge();
        if (removed > 0) {
            log.info("forgot {} idempotency key(s) older than {}", removed, keys.retention());
        }
    }
}
