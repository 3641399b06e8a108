package io.handoff.contract;

import io.handoff.text.Shortened;

import java.util.Map;

import com.networknt.schema.Error;
import tools.jackson.databind.JsonNode;

/** Maps the schema validator's errors to our stable violation codes and pointers. */
final class SchemaErrors {
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("required", "required"),
            Map.entry("type", "wrong-type"),
            Map.entry("enum", "not-allowed-value"),
            Map.entry("const", "not-allowed-value"),
            Map.entry("additionalProperties", "unknown-field"),
            Map.entry("minLength", "too-short"),
            Map.entry("maxLength", "too-long"),
            Map.entry("maxItems", "too-many-items"),
            Map.entry("uniqueItems", "duplicate-items"),
            Map.entry("minimum", "out-of-range"),
            Map.entry("maximum", "out-of-range"),
            Map.entry("pattern", "bad-format"),
            Map.entry("format", "bad-format"),
            Map.entry("false", "wrong-domain-field"));

    private SchemaErrors() {
    }

    static Violation toViolation(Error error) {
        String keyword = error.getKeyword() == null ? "false" : error.getKeyword();
        String pointer = pointer(error, keyword);
        JsonNode instance = error.getInstanceNode();
        String code = CODES.getOrDefault(keyword, "schema-" + keyword);
        String message = stripLocation(error.getMessage());
        boolean emptyString = instance != null && instance.isString() && instance.asString().isEmpty();
        if (instance != null && instance.isNull() && ("wrong-type".equals(code) || "not-allowed-value".equals(code))) {
            code = "null-not-allowed";
            message = "null is not allowed: omit the field or give a value";
        } else if (emptyString && ("too-short".equals(code) || "bad-format".equals(code))) {
            code = "empty";
            message = "must not be an empty string";
        } else if ("bad-format".equals(code) && instance != null && instance.isString() && looksZoneless(instance.asString())) {
            code = "timestamp-without-zone";
            message = "timestamp '" + instance.asString() + "' has no zone: add Z or an offset such as +02:00";
        } else if (versionGate(error)) {
            code = NEEDS_1_1;
            message = "field was added in schemaVersion 1.1; this contract says 1.0";
        } else if ("wrong-domain-field".equals(code)) {
            message = "field belongs to the other domain and is not allowed in this contract";
        } else if ("too-long".equals(code) && instance != null && instance.isString()) {
            message = Shortened.to(message, 200, "...");
        }
        return new Violation(pointer, code, truncate(message));
    }

    /** The schema's third {@code allOf} entry refuses 1.1 fields in a 1.0 contract (see its description). */
    private static final String VERSION_GATE = "#/allOf/2/";
    static final String NEEDS_1_1 = "needs-schema-1.1";

    private static boolean versionGate(Error error) {
        return error.getSchemaLocation() != null && error.getSchemaLocation().toString().contains(VERSION_GATE);
    }

    private static String pointer(Error error, String keyword) {
        String base = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        if (base.equals("/")) {
            base = "";
        }
        if (("required".equals(keyword) || "additionalProperties".equals(keyword)) && error.getProperty() != null) {
            return base + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return base;
    }

    private static boolean looksZoneless(String text) {
        return text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
    }

    /** The validator prefixes messages with the instance location; the pointer already says where. */
    private static String stripLocation(String message) {
        if (message == null) {
            return "invalid";
        }
        int colon = message.indexOf(": ");
        return colon > 0 && (message.startsWith("/") || message.startsWith("$") || message.startsWith(": "))
                ? message.substring(colon + 2) : message;
    }

    private static String truncate(String message) {
        return Shortened.to(message, 300, "...");
    }
}
