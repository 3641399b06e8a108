package io.handoff.ruleset;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.handoff.notify.Notice;
import io.handoff.notify.NoticeKind;
import io.handoff.notify.Severity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lifecycle events worth a notification: an automatic rollback (critical: live decisions were made by a version
 * the service no longer trusts) and a rejected candidate (medium: an analyst's change did not pass). Service-wide:
 * no contract, team or domain.
 */
final class RulesetNotices {
    private RulesetNotices() {
    }

    static List<Notice> of(String recordId, String version, String event, String actor, String reason, ObjectNode details,
                           Instant at) {
        NoticeKind kind = switch (event) {
            case "auto-rolled-back" -> NoticeKind.AUTOMATIC_ROLLBACK;
            case "rejected" -> NoticeKind.CANDIDATE_REJECTED;
            default -> null;
        };
        if (kind == null) {
            return List.of();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("actor", actor);
        data.put("reason", reason);
        JsonNode to = details.get("to");
        if (to != null) {
            data.put("rolledBackTo", to.asString());
        }
        JsonNode decisions = details.get("decisionIds");
        if (decisions != null) {
            data.put("decisionIds", decisions.valueStream().map(JsonNode::asString).toList());
        }
        String summary = kind == NoticeKind.AUTOMATIC_ROLLBACK
                ? "ruleset " + version.substring(0, Math.min(12, version.length())) + " rolled back automatically: " + reason
                : "candidate " + version.substring(0, Math.min(12, version.length())) + " rejected: " + reason;
        Severity severity = kind == NoticeKind.AUTOMATIC_ROLLBACK ? Severity.CRITICAL : Severity.MEDIUM;
        return List.of(new Notice(Notice.eventId(kind, recordId), kind.wire(), at, null, null, List.of(), severity.wire(), false,
                summary, "/api/v1/rulesets/" + version, data));
    }
}
