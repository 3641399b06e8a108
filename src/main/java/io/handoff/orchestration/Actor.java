package io.handoff.orchestration;

import java.util.ArrayList;
import java.util.List;

/**
 * Who takes a step: the authenticated {@code principal} (an API key's name or a token's subject), and, when a
 * caller holding the delegate right acts for someone else, the directory id it acts for ({@code onBehalfOf}).
 * Both are recorded; the one whose gate roles count is {@link #actingAs()}. An instance that exists is fit to record.
 */
public record Actor(String principal, String onBehalfOf) {
    public Actor {
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("a step needs an authenticated principal");
        }
        if (onBehalfOf != null && (onBehalfOf.isBlank() || onBehalfOf.equals(principal))) {
            onBehalfOf = null;
        }
    }

    /** The principal acting for itself. */
    public static Actor of(String principal) {
        return new Actor(principal, null);
    }

    /** The identity whose roles the step uses: the person acted for, else the principal. */
    public String actingAs() {
        return onBehalfOf == null ? principal : onBehalfOf;
    }

    /** Every identity in the step, for four eyes: none of them may have sent the handoff. */
    List<String> identities() {
        List<String> ids = new ArrayList<>(List.of(principal));
        if (onBehalfOf != null) {
            ids.add(onBehalfOf);
        }
        return ids;
    }

    /** How a cause names who acted: {@code jo-reyes}, or {@code ops-desk for jo-reyes}. */
    String describe() {
        return onBehalfOf == null ? principal : principal + " for " + onBehalfOf;
    }
}
