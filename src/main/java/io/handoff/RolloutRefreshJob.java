package io.handoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.handoff.rollout.RolloutFlags;

/** Picks up rollout rules changed on another instance ({@code handoff.rollout.refresh-interval}, default 2 s). */
@Component
class RolloutRefreshJob {
    private static final Logger log = LoggerFactory.getLogger(RolloutRefreshJob.class);
    private final RolloutFlags flags;

    RolloutRefreshJob(RolloutFlags flags) {
        this.flags = flags;
    }

    @Scheduled(fixedDelayString = "${handoff.rollout.refresh-interval:2s}")
    void refresh() {
        try {
            flags.refresh();
        } catch (RuntimeException e) {
            log.warn("rollout rules not refreshed: {}", e.getMessage());
        }
    }
}
