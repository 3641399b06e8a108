package io.handoff.engine;

import java.util.List;
import java.util.Map;

/** One rule firing: the stable rule id, where it is written, its metadata, and the facts its action inserted. */
public record FiredRule(int sequence, String ruleId, RuleLocation location, Map<String, String> metadata,
                        List<Object> inserted) {
    public FiredRule {
        metadata = Map.copyOf(metadata);
        inserted = List.copyOf(inserted);
    }

    /** A metadata value such as {@code reason}, or null. */
    public String meta(String key) {
        return metadata.get(key);
    }
}
