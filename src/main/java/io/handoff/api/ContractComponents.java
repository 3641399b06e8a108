package io.handoff.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.handoff.contract.ContractSchema;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract's JSON Schema as OpenAPI components, from the one schema file: the root becomes
 * {@code HandoffContract}, each {@code $defs} entry a component of its own ({@code party} -> {@code ContractParty}),
 * and every {@code #/$defs/x} reference points at it. Generated clients then type the contract's fields, and no
 * validator has to resolve a reference inside an embedded schema with its own {@code $id}.
 */
final class ContractComponents {
    static final String ROOT = "HandoffContract";
    private static final String DEFS = "#/$defs/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContractComponents() {
    }

    static String nameOf(String def) {
        return "Contract" + Character.toUpperCase(def.charAt(0)) + def.substring(1);
    }

    static Map<String, Schema<?>> schemas() {
        ObjectNode root = (ObjectNode) JSON.readTree(ContractSchema.bytes());
        root.remove("$schema");
        root.remove("$id");
        JsonNode defs = root.remove("$defs");
        Map<String, Schema<?>> schemas = new LinkedHashMap<>();
        schemas.put(ROOT, toSchema(root));
        if (defs != null) {
            defs.properties().forEach(def -> schemas.put(nameOf(def.getKey()), toSchema(def.getValue())));
        }
        schemas.values().forEach(schema -> SchemaRefs.rewrite(schema, ref -> ref.startsWith(DEFS)
                ? "#/components/schemas/" + nameOf(ref.substring(DEFS.length())) : ref));
        return schemas;
    }

    private static Schema<?> toSchema(JsonNode node) {
        try {
            return Json31.mapper().readValue(JSON.writeValueAsString(node), Schema.class);
        } catch (IOException e) {
            throw new IllegalStateException("the contract schema cannot be read as an OpenAPI schema", e);
        }
    }
}
