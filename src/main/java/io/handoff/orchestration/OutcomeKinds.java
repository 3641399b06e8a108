package io.handoff.orchestration;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome kinds and bounce-back reason codes of each domain: what support leads and product managers report after a
 * handoff. A kind of the other domain on a handoff is refused (422 {@code outcome-kind-not-in-domain}, pointer
 * {@code /kind}); a reason code is optional (reports sent before reasons existed keep working) but must be one of its
 * domain's when given.
 */
public final class OutcomeKinds {
    public static final String SUPPORT = "customer-support";
    public static final String PRODUCT = "product-management";

    public static final String ACCEPTED = "accepted";
    public static final String BOUNCED_BACK = "bounced-back";
    public static final String SLIPPED = "slipped";
    public static final String SUCCESS_METRIC_REPORTED = "success-metric-reported";

    /** Kinds per domain, in the order a person reads them. */
    public static final Map<String, List<String>> KINDS = Map.of(
            SUPPORT, List.of(ACCEPTED, BOUNCED_BACK, "reopened", "sla-breached", "resolved"),
            PRODUCT, List.of(ACCEPTED, BOUNCED_BACK, "shipped", SLIPPED, "launch-rolled-back", SUCCESS_METRIC_REPORTED));

    /** Why a receiver bounced a handoff back, per domain. */
    public static final Map<String, List<String>> REASONS = Map.of(
            SUPPORT, List.of("missing-info", "wrong-team", "not-reproducible", "duplicate", "customer-unreachable", "other"),
            PRODUCT, List.of("missing-acceptance-criteria", "unclear-scope", "missing-design", "not-feasible", "wrong-team",
                    "other"));

    /** Every kind of any domain: what a report may name before its handoff (and so its domain) is known. */
    public static final Set<String> ALL = all();

    private OutcomeKinds() {
    }

    private static Set<String> all() {
        Set<String> all = new TreeSet<>();
        KINDS.values().forEach(all::addAll);
        return Set.copyOf(all);
    }

    static List<String> of(String domain) {
        return KINDS.getOrDefault(domain, List.of());
    }
}
