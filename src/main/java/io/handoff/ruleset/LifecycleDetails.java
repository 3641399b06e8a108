package io.handoff.ruleset;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** The details of a history event as JSON, written by a JSON writer rather than by string concatenation. */
final class LifecycleDetails {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LifecycleDetails() {
    }

    /** {@code keysAndValues}: name, value, name, value, ...; values are written as JSON (null, numbers, lists too). */
    static String of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("details come in name/value pairs");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return JSON.writeValueAsString(details);
    }
}
