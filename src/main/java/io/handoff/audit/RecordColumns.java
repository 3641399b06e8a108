package io.handoff.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The searchable columns kept beside a record's body must say what the hashed body says, or a search (and whoever
 * reads the columns) sees something the chain never vouched for. Shared by the online and the offline verifier.
 */
final class RecordColumns {
    /** The columns of one record, as stored (or as exported). */
    record Columns(String decisionId, String kind, String contractId, String domain, String handoffType, String outcome,
                   String posture, String rulesetVersion, String inputHash) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Every top-level field {@link #problem} reads. */
    private static final Set<String> READ = Set.of("recordId", "decisionId", "kind", "outcome", "posture", "contractId", "domain",
            "handoffType", "inputHash", "rulesetVersion");

    private RecordColumns() {
    }

    /**
     * Null when the columns match the body, else a sentence naming the columns that differ. Id, kind, outcome, posture
     * and contract id must always match; domain, handoff type and input hash where the body states them. A step after
     * a decision (approval, attempt, ...) carries no ruleset version of its own: its column must be its decision's,
     * which {@code decisionVersion} looks up (empty when that record is gone, then it cannot be checked).
     */
    static String problem(Columns row, JsonNode body, Function<String, Optional<String>> decisionVersion) {
        List<String> differ = new ArrayList<>();
        // a step after a decision is stored under its own record id and names its decision
        String id = body.has("recordId") ? text(body, "recordId") : text(body, "decisionId");
        same(differ, "decision_id", row.decisionId(), id);
        same(differ, "kind", row.kind(), text(body, "kind"));
        same(differ, "outcome", row.outcome(), text(body, "outcome"));
        same(differ, "posture", row.posture(), text(body, "posture"));
        same(differ, "contract_id", row.contractId(), text(body, "contractId"));
        for (String[] optional : new String[][] {{"domain", "domain", row.domain()},
                {"handoff_type", "handoffType", row.handoffType()}, {"input_hash", "inputHash", row.inputHash()}}) {
            if (body.has(optional[1])) {
                same(differ, optional[0], optional[2], text(body, optional[1]));
            }
        }
        if (body.has("rulesetVersion")) {
            same(differ, "ruleset_version", row.rulesetVersion(), text(body, "rulesetVersion"));
        } else if (body.has("decisionId") && !Objects.equals(id, text(body, "decisionId"))) {
            decisionVersion.apply(text(body, "decisionId"))
                    .ifPresent(version -> same(differ, "ruleset_version", row.rulesetVersion(), version));
        } else {
            same(differ, "ruleset_version", row.rulesetVersion(), null);
        }
        return differ.isEmpty() ? null : "indexed columns differ from the hashed record: " + String.join(", ", differ);
    }

    /**
     * The body's top-level fields that {@link #problem} reads, as a tree, and nothing else: the rest of the body (the
     * evidence, most of its bytes) is only tokenized, never built, so it still has to be well-formed JSON. The same
     * answers as the whole body's tree for every field {@code problem} reads; a body that is not an object is read whole.
     */
    static JsonNode fields(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return JSON.readTree(body);
            }
            ObjectNode fields = JSON.createObjectNode();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (READ.contains(name)) {
                    fields.set(name, (JsonNode) parser.readValueAsTree());
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new StreamReadException(parser, "content after the body's object");
            }
            return fields;
        }
    }

    private static void same(List<String> differ, String column, String stored, String hashed) {
        if (!Objects.equals(stored, hashed)) {
            differ.add(column);
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
