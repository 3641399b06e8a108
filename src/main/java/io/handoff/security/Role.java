package io.handoff.security;

/** The roles a caller can hold. */
public enum Role {
    DECIDER, ANALYST, APPROVER, AUDITOR, ADMIN;

    /** The authority Spring Security checks for this role ({@code hasRole("AUDITOR")}). */
    org.springframework.security.core.authority.SimpleGrantedAuthority authority() {
        return new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_" + name());
    }

    static Role of(String name) {
        try {
            return valueOf(name.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unknown role '" + name + "' in handoff.security.keys; known: decider, analyst, approver, auditor, admin");
        }
    }
}
