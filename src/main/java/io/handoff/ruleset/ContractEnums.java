package io.handoff.ruleset;

import java.util.LinkedHashMap;
import java.util.Map;

import io.handoff.contract.ContractSchema;
import io.handoff.engine.ContractValues;

/**
 * Which rule-model property holds which closed set of the contract schema: what a decision table may compare
 * {@code customerTier}, {@code severity} or {@code hasEvidence(...)} with. Read from the shipped schema, so a new
 * tier in the schema is a value the tables may use at once.
 */
public final class ContractEnums {
    private static final Map<String, String> POINTERS = new LinkedHashMap<>();

    static {
        POINTERS.put("domain", "/properties/domain");
        POINTERS.put("handoffType", "/properties/handoffType");
        POINTERS.put("fromKind", "/$defs/party/properties/kind");
        POINTERS.put("toKind", "/$defs/party/properties/kind");
        POINTERS.put("priority", "/$defs/case/properties/priority");
        POINTERS.put("severity", "/$defs/case/properties/severity");
        POINTERS.put("channel", "/$defs/case/properties/channel");
        POINTERS.put("customerTier", "/$defs/case/properties/customer/properties/tier");
        POINTERS.put("workItemKind", "/$defs/workItem/properties/kind");
        POINTERS.put("riskLevel", "/$defs/workItem/properties/riskLevel");
        POINTERS.put("validationEvidence", "/$defs/package/properties/validationEvidence/items/properties/kind");
    }

    private static volatile ContractValues values;

    private ContractEnums() {
    }

    public static ContractValues values() {
        ContractValues read = values;
        if (read == null) {
            Map<String, java.util.List<String>> allowed = new LinkedHashMap<>();
            POINTERS.forEach((property, pointer) -> allowed.put(property, ContractSchema.enumAt(pointer)));
            read = new ContractValues(allowed);
            values = read;
        }
        return read;
    }
}
