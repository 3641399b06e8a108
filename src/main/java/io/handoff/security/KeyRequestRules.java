package io.handoff.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a key request must satisfy: a name that is safe in logs and histories, and at least one known role. */
final class KeyRequestRules {
    static final int MAX_NAME = 64;

    private KeyRequestRules() {
    }

    /** The distinct roles named, in order; throws {@link KeyRequestException} listing every violation. */
    static List<Role> check(String name, List<String> roles) {
        List<KeyRequestException.Error> errors = new ArrayList<>();
        if (name == null) {
            errors.add(new KeyRequestException.Error("/name", "required", "a name is required"));
        } else if (name.isBlank()) {
            errors.add(new KeyRequestException.Error("/name", "empty", "the name is empty"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new KeyRequestException.Error("/name", "too-long", "the name is longer than " + MAX_NAME + " characters"));
        } else if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            errors.add(new KeyRequestException.Error("/name", "bad-format",
                    "use letters, digits, '.', '_' and '-', starting with a letter or digit"));
        }
        Set<Role> parsed = new LinkedHashSet<>();
        if (roles == null) {
            errors.add(new KeyRequestException.Error("/roles", "required", "roles are required, e.g. [\"auditor\"]"));
        } else if (roles.isEmpty()) {
            errors.add(new KeyRequestException.Error("/roles", "empty", "name at least one role"));
        } else {
            for (int i = 0; i < roles.size(); i++) {
                Role role = known(roles.get(i));
                if (role == null) {
                    errors.add(new KeyRequestException.Error("/roles/" + i, "unknown-role", "unknown role '" + roles.get(i)
                            + "'; known: " + Role.KNOWN));
                } else {
                    parsed.add(role);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new KeyRequestException(KeyRequestException.INVALID, errors.size() + " violation(s) of the key request; see errors[].", errors);
        }
        return List.copyOf(parsed);
    }

    private static Role known(String name) {
        for (Role role : Role.values()) {
            if (name != null && role.name().equalsIgnoreCase(name.strip())) {
                return role;
            }
        }
        return null;
    }
}
