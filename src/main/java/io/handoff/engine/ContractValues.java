package io.handoff.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a contract may hold, by the rule model's property name ({@code customerTier -> free, pro, business,
 * enterprise}): what a table may compare those properties with. It comes from the contract's schema, read outside
 * the engine (the engine knows no contract); {@link #NONE} checks nothing.
 */
public record ContractValues(Map<String, List<String>> allowed) {
    public static final ContractValues NONE = new ContractValues(Map.of());

    public ContractValues {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        allowed.forEach((property, values) -> copy.put(property, List.copyOf(values)));
        allowed = java.util.Collections.unmodifiableMap(copy);
    }
}
