package io.handoff.security;

/**
 * The roles a caller can hold. {@code DELEGATE} is a right, not a job: with it, a step that names someone else
 * ({@code approverId} of an approval, {@code by} of an incident step) is taken for that person and recorded as
 * both; without it such a step is refused ({@code 403 acting-as-other}). No role implies it, admin included.
 */
public enum Role {
    DECIDER, ANALYST, APPROVER, AUDITOR, ADMIN, DELEGATE;

    /** The role names as keys and tokens spell them, for messages. */
    static final String KNOWN = "decider, analyst, approver, auditor, admin, delegate";

    /** The authority Spring Security checks for this role ({@code hasRole("AUDITOR")}). */
    org.springframework.security.core.authority.SimpleGrantedAuthority authority() {
        return new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_" + name());
    }

    static Role of(String name) {
        try {
            return valueOf(name.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unknown role '" + name + "' in handoff.security.keys; known: " + KNOWN);
        }
    }
}
