package io.handoff.contract;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The checks a schema cannot state, on a document that passed the schema: a contract that contradicts itself is
 * refused like a schema violation (422, stable code, JSON pointer). Every check compares fields of the contract with
 * each other or with its {@code asOf}, never with the clock, so a replay or a case judges it the same way.
 * Which apply to 1.0: all but those on 1.1 fields; no shipped 1.0 sample or case trips any of them.
 * Receive-time checks (an {@code asOf} in the future or stale) are {@link AsOfWindow}'s, at the HTTP edge only.
 */
final class SemanticChecks {
    static final String SELF_HANDOFF = "self-handoff";
    static final String SENDER_KIND_MISMATCH = "sender-kind-mismatch";
    static final String RESOLUTION_BEFORE_FIRST_RESPONSE = "resolution-before-first-response";
    static final String CAP_NOT_POSITIVE = "cap-not-positive";
    static final String NEXT_UPDATE_BEFORE_TOLD = "next-update-before-told";
    static final String SIGN_OFF_AFTER_AS_OF = "sign-off-after-as-of";
    static final String BOT_DETAILS_MISSING = "bot-details-missing";
    static final String SELF_APPROVAL = "self-approval";

    private SemanticChecks() {
    }

    static List<Violation> of(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        parties(document, violations);
        sla(document, violations);
        JsonNode cap = document.path("budget").path("cap");
        if (cap.isNumber() && cap.asDouble() <= 0) {
            violations.add(new Violation("/budget/cap", CAP_NOT_POSITIVE, "budget.cap must be above 0: a cap of 0 would"
                    + " read as 'no cap'; leave budget out when no cap applies"));
        }
        communication(document, violations);
        signOffs(document, violations);
        selfApproval(document, violations);
        return violations;
    }

    private static void parties(JsonNode document, List<Violation> violations) {
        String type = document.path("handoffType").asString();
        JsonNode from = document.path("from");
        JsonNode to = document.path("to");
        if (from.path("team").asString().equals(to.path("team").asString())) {
            // a shift handover stays in its team by nature; it only is a self-handoff from a person to the same person
            if (!"shift-handover".equals(type)) {
                violations.add(new Violation("/to/team", SELF_HANDOFF, "to.team '" + to.path("team").asString()
                        + "' is the sender's own team: a " + type + " handoff goes to another team"));
            } else if (from.has("actor") && from.path("actor").asString().equals(to.path("actor").asString())) {
                violations.add(new Violation("/to/actor", SELF_HANDOFF, "a shift handover to the same person hands nothing over"));
            }
        }
        String fromKind = from.path("kind").asString();
        if ("bot-to-agent".equals(type)) {
            if (!"bot".equals(fromKind)) {
                violations.add(new Violation("/from/kind", SENDER_KIND_MISMATCH,
                        "a bot-to-agent handoff is sent by a bot, not by a " + fromKind));
            }
            if ("bot".equals(to.path("kind").asString())) {
                violations.add(new Violation("/to/kind", SENDER_KIND_MISMATCH, "a bot-to-agent handoff goes to a human or a team, not a bot"));
            }
            if ("1.1".equals(document.path("schemaVersion").asString()) && !document.path("case").has("bot")) {
                violations.add(new Violation("/case/bot", BOT_DETAILS_MISSING,
                        "a 1.1 bot-to-agent handoff states the bot's intent and confidence"));
            }
        } else if ("bot".equals(fromKind)) {
            violations.add(new Violation("/from/kind", SENDER_KIND_MISMATCH,
                    "a bot hands over only as bot-to-agent, not as " + type));
        }
    }

    private static void sla(JsonNode document, List<Violation> violations) {
        JsonNode sla = document.path("case").path("sla");
        OffsetDateTime firstResponse = time(sla.get("firstResponseDue"));
        OffsetDateTime resolution = time(sla.get("resolutionDue"));
        if (firstResponse != null && resolution != null && resolution.isBefore(firstResponse)) {
            violations.add(new Violation("/case/sla/resolutionDue", RESOLUTION_BEFORE_FIRST_RESPONSE,
                    "resolutionDue " + resolution + " lies before firstResponseDue " + firstResponse));
        }
    }

    private static void communication(JsonNode document, List<Violation> violations) {
        JsonNode told = document.path("case").path("customerCommunication");
        OffsetDateTime toldAt = time(told.get("toldAt"));
        OffsetDateTime nextUpdate = time(told.get("nextUpdateDue"));
        if (toldAt != null && nextUpdate != null && nextUpdate.isBefore(toldAt)) {
            violations.add(new Violation("/case/customerCommunication/nextUpdateDue", NEXT_UPDATE_BEFORE_TOLD,
                    "the next update " + nextUpdate + " was due before the customer was told at " + toldAt));
        }
    }

    private static void signOffs(JsonNode document, List<Violation> violations) {
        OffsetDateTime asOf = time(document.get("asOf"));
        JsonNode signOffs = document.path("workItem").path("signOffs");
        for (int i = 0; i < signOffs.size(); i++) {
            OffsetDateTime at = time(signOffs.get(i).get("at"));
            if (asOf != null && at != null && at.isAfter(asOf)) {
                violations.add(new Violation("/workItem/signOffs/" + i + "/at", SIGN_OFF_AFTER_AS_OF,
                        "a sign-off at " + at + " is not given yet at asOf " + asOf));
            }
        }
    }

    /**
     * The sender cannot vouch for their own package: a waiver or a sign-off given by the sender's own actor is no one
     * else's judgement (compared without case or surrounding blanks).
     */
    private static void selfApproval(JsonNode document, List<Violation> violations) {
        String sender = document.path("from").path("actor").asString("").strip();
        if (sender.isEmpty()) {
            return;
        }
        JsonNode evidence = document.path("package").path("validationEvidence");
        for (int i = 0; i < evidence.size(); i++) {
            if (sender.equalsIgnoreCase(evidence.get(i).path("waivedBy").asString("").strip())) {
                violations.add(new Violation("/package/validationEvidence/" + i + "/waivedBy", SELF_APPROVAL,
                        "evidence waived by its own sender (" + sender + "): a waiver is someone else's call"));
            }
        }
        JsonNode signOffs = document.path("workItem").path("signOffs");
        for (int i = 0; i < signOffs.size(); i++) {
            if (sender.equalsIgnoreCase(signOffs.get(i).path("by").asString("").strip())) {
                violations.add(new Violation("/workItem/signOffs/" + i + "/by", SELF_APPROVAL,
                        "signed off by the sender (" + sender + "): a sign-off is someone else's judgement"));
            }
        }
    }

    private static OffsetDateTime time(JsonNode node) {
        return node == null || !node.isString() ? null : OffsetDateTime.parse(node.asString());
    }
}
