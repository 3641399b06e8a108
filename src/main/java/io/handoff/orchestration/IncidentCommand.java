package io.handoff.orchestration;

import java.util.Objects;

/**
 * Oversight acknowledging or resolving one incident, checked at construction: {@code target} is where the incident
 * moves (acknowledged or resolved, never back to open), and {@code why} (the note or the resolution) is required.
 */
record IncidentCommand(String incidentId, IncidentStatus target, String why, Actor actor) {
    IncidentCommand {
        Objects.requireNonNull(target, "target");
        if (target == IncidentStatus.OPEN) {
            throw new IllegalArgumentException("an incident step acknowledges or resolves; it never reopens");
        }
        if (why == null || why.isBlank()) {
            throw OrchestrationException.invalid("missing-who-or-why", "'" + (target == IncidentStatus.RESOLVED ? "resolution" : "note")
                    + "' is required: oversight says why it acted (who acted is the authenticated caller)");
        }
        if (incidentId == null) {
            throw OrchestrationException.notFound("unknown-incident", "no incident " + incidentId);
        }
        Objects.requireNonNull(actor, "actor");
    }

    static IncidentCommand acknowledge(String incidentId, String note, Actor actor) {
        return new IncidentCommand(incidentId, IncidentStatus.ACKNOWLEDGED, note, actor);
    }

    static IncidentCommand resolve(String incidentId, String resolution, Actor actor) {
        return new IncidentCommand(incidentId, IncidentStatus.RESOLVED, resolution, actor);
    }

    boolean resolves() {
        return target == IncidentStatus.RESOLVED;
    }
}
