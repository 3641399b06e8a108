package io.handoff.decision;

import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one serialization of decisions: the response body and the audit record hold the same bytes, written
 * once per decision in a fixed property order.
 */
public final class DecisionJson {
    static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private DecisionJson() {
    }

    public static String write(Decision decision) {
        return MAPPER.writeValueAsString(decision);
    }
}
