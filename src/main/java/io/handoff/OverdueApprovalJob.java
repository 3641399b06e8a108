package io.handoff;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.handoff.orchestration.Orchestrator;

/** Announces approvals past their due time ({@code handoff.notify.overdue-interval}, default every minute), each once. */
@Component
class OverdueApprovalJob {
    private static final Logger log = LoggerFactory.getLogger(OverdueApprovalJob.class);
    private final Orchestrator orchestrator;
    private final Clock clock;

    OverdueApprovalJob(Orchestrator orchestrator, Clock clock) {
        this.orchestrator = orchestrator;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${handoff.notify.overdue-interval:60s}", initialDelayString = "${handoff.notify.overdue-interval:60s}")
    void announceOverdueApprovals() {
        try {
            orchestrator.notifyOverdueApprovals(clock.instant());
        } catch (RuntimeException e) {
            // another instance announced the same approval first (unique event id per webhook), or the database is away
            log.debug("overdue approvals not announced this round", e);
        }
    }
}
