package io.handoff.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.handoff.audit.AuditEntry;
import io.handoff.audit.AuditQuery;
import io.handoff.rulemodel.Postures;

/** Turns the query string of a decision search or export into an {@link AuditQuery}, rejecting what it cannot use. */
final class AuditQueryParameters {
    static final Set<String> NAMES = Set.of("contractId", "domain", "outcome", "posture", "rulesetVersion", "ruleId",
            "gate", "from", "to", "cursor", "limit", "format", "kind");
    /** Record kinds: decisions and rejected attempts (the default), the orchestration steps, flag, ruleset and key changes, or all. */
    static final List<String> KINDS = List.of("decision", "rejection", "approval", "attempt", "incident", "outcome",
            "flag-change", AuditEntry.RULESET, AuditEntry.KEY_EVENT, AuditEntry.FAULT, AuditQuery.ALL_KINDS);
    /** The domains a contract can name (the contract schema's enum); another is a typo, not an empty result. */
    static final List<String> DOMAINS = List.of("customer-support", "product-management");
    private static final List<String> OUTCOMES = List.of("accept", "accept-pending-approval", "return-to-sender",
            "escalate", "invalid-contract");

    private AuditQueryParameters() {
    }

    static AuditQuery parse(Map<String, String> params) {
        params.keySet().stream().filter(name -> !NAMES.contains(name)).findFirst().ifPresent(name -> {
            throw new BadParameterException(name, "unknown parameter '" + name + "'; known: " + NAMES);
        });
        String kind = params.get("kind");
        if (kind != null && !KINDS.contains(kind)) {
            throw new BadParameterException("kind", "kind must be one of " + KINDS);
        }
        String outcome = params.get("outcome");
        boolean decisions = kind == null || kind.equals("decision") || kind.equals("rejection");
        if (outcome != null && decisions && !OUTCOMES.contains(outcome)) {
            throw new BadParameterException("outcome", "outcome must be one of " + OUTCOMES);
        }
        String domain = params.get("domain");
        if (domain != null && !DOMAINS.contains(domain)) {
            throw new BadParameterException("domain", "domain must be one of " + DOMAINS);
        }
        String posture = params.get("posture");
        if (posture != null && !Postures.ORDER.contains(posture)) {
            throw new BadParameterException("posture", "posture must be one of " + Postures.ORDER);
        }
        return new AuditQuery(params.get("contractId"), params.get("domain"), outcome, posture,
                params.get("rulesetVersion"), params.get("ruleId"), params.get("gate"), instant(params, "from"),
                instant(params, "to"), cursor(params), kind);
    }

    static int limit(Map<String, String> params) {
        String limit = params.getOrDefault("limit", "50");
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= 500) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameterException("limit", "limit must be a whole number from 1 to 500");
    }

    private static Instant instant(Map<String, String> params, String name) {
        String value = params.get(name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, name + " must be an ISO-8601 instant such as 2026-11-20T00:00:00Z");
        }
    }

    private static Long cursor(Map<String, String> params) {
        String value = params.get("cursor");
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw new BadParameterException("cursor", "cursor must be the nextCursor of a previous page");
        }
    }
}
