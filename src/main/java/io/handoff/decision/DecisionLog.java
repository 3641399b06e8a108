package io.handoff.decision;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The ids every log line of a decision carries: {@code decisionId} and {@code contractId} in the logging MDC (the log
 * pattern prints them beside the trace id, {@code logging.pattern.correlation}). Set on the deciding thread as soon as
 * each is known; removed when the decision is returned, and kept when it fails, so the lines that report the failure
 * carry them too (the API clears them at the end of the request). One line per decision: INFO for an escalation, DEBUG
 * for the rest, so the common path costs a level check.
 */
public final class DecisionLog {
    public static final String DECISION_ID = "decisionId";
    public static final String CONTRACT_ID = "contractId";
    private static final Logger log = LoggerFactory.getLogger(DecisionService.class);

    private DecisionLog() {
    }

    static void decision(String decisionId) {
        MDC.put(DECISION_ID, decisionId);
        MDC.remove(CONTRACT_ID); // a failed attempt before this one on the thread left its own
    }

    static void contract(String contractId) {
        if (contractId != null) {
            MDC.put(CONTRACT_ID, contractId);
        }
    }

    public static void done() {
        MDC.remove(DECISION_ID);
        MDC.remove(CONTRACT_ID);
    }

    static void decided(Decision d, long nanos) {
        if ("escalate".equals(d.outcome())) {
            log.info("escalated to oversight: posture {}, score {}, queue {}, ruleset {}{}", d.posture(), d.score(),
                    d.route() == null ? null : d.route().queue(), d.rulesetVersion().substring(0, 12), d.enforced() ? "" : " (observe mode)");
        } else if (log.isDebugEnabled()) {
            log.debug("decided {}: posture {}, score {}, {} gate(s), ruleset {} in {} µs", d.outcome(), d.posture(), d.score(),
                    d.approvals().size(), d.rulesetVersion().substring(0, 12), nanos / 1000);
        }
    }

    static void rejected(int violations) {
        log.debug("invalid contract: {} violation(s) recorded", violations);
    }
}
