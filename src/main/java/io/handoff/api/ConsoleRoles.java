package io.handoff.api;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * What the signed-in roles may see and do in the console, mirroring the endpoint roles of
 * {@code security/SecurityConfiguration}: a page offers a link or a button only when the API behind it would answer it.
 */
record ConsoleRoles(String who, List<String> roles, boolean records, boolean rulesets, boolean approvals, boolean scorecard,
                    boolean handoffs, boolean changeRulesets, boolean decideApprovals, boolean actOnIncidents) {

    ConsoleRoles {
        roles = List.copyOf(roles);
    }

    static ConsoleRoles of(Authentication who) {
        List<String> roles = who == null ? List.of() : who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5).toLowerCase()).toList();
        boolean admin = roles.contains("admin");
        boolean auditor = roles.contains("auditor");
        boolean analyst = roles.contains("analyst");
        boolean approver = roles.contains("approver");
        boolean decider = roles.contains("decider");
        return new ConsoleRoles(who == null ? "" : who.getName(), roles,
                admin || auditor, admin || auditor || analyst, admin || auditor || approver, admin || auditor || analyst,
                admin || auditor || approver || decider, admin || analyst, admin || approver, admin || approver);
    }

    /** Sees every follow-up, not only those its roles own. */
    boolean oversees() {
        return roles.contains("admin") || roles.contains("auditor");
    }
}
