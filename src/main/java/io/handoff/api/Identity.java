package io.handoff.api;

import jakarta.servlet.http.HttpServletRequest;

import io.handoff.orchestration.Actor;
import io.handoff.ruleset.StepBy;

/**
 * Who a request acts as: always the authenticated principal (an API key's name, a bearer token's subject), never a
 * name the body claims. A body field naming someone else is refused ({@link ActingAsOtherException}), except that a
 * caller holding the {@code delegate} role may act for a named person, and then both are recorded.
 */
final class Identity {
    static final String DELEGATE = "DELEGATE";

    private Identity() {
    }

    /** The authenticated principal's name; "anonymous" for an open endpoint. */
    static String principal(HttpServletRequest request) {
        return request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
    }

    /** Refuses {@code named} (a body or query field called {@code field}) unless it is absent or the principal itself. */
    static String ownName(HttpServletRequest request, String field, String named) {
        String principal = request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName();
        if (named != null && !named.isEmpty()) {
            StepBy.check(field, named, StepBy.MAX_PRINCIPAL);
            if (!named.equals(principal)) {
                throw new ActingAsOtherException(principal, field, named, false);
            }
        }
        return principal;
    }

    /**
     * The actor of an orchestration step: the principal, for itself when {@code named} is absent or its own name, for
     * {@code named} when the caller holds the delegate role; refused otherwise.
     */
    static Actor actor(HttpServletRequest request, String field, String named) {
        String principal = principal(request);
        if (named == null || named.isEmpty() || named.equals(principal)) {
            return Actor.of(principal);
        }
        StepBy.check(field, named, StepBy.MAX_PRINCIPAL);
        if (!request.isUserInRole(DELEGATE)) {
            throw new ActingAsOtherException(principal, field, named, true);
        }
        return new Actor(principal, named);
    }
}
