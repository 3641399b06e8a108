package io.handoff.rollout;

import java.time.Instant;
import java.util.List;

/**
 * One rollout rule: for contracts of {@code domain} sent by {@code team} ({@code *} for any), {@code mode}
 * applies to {@code percent} of contracts (by hash of contract id) and {@code fallbackMode} to the rest.
 */
public record RolloutRule(String domain, String team, String mode, int percent, String fallbackMode, String updatedBy,
                          String reason, Instant updatedAt) {
    public static final List<String> MODES = List.of("off", "observe", "enforce");
    public static final String ANY = "*";

    /** How specific the rule is: domain and team named beats domain only beats neither. */
    int specificity() {
        return (ANY.equals(domain) ? 0 : 2) + (ANY.equals(team) ? 0 : 1);
    }

    boolean matches(String contractDomain, String contractTeam) {
        return (ANY.equals(domain) || domain.equals(contractDomain)) && (ANY.equals(team) || team.equals(contractTeam));
    }
}
