package io.handoff.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The contract's JSON Schema (draft 2020-12) as shipped in the jar: the one source of truth for its shape. */
public final class ContractSchema {
    public static final String RESOURCE = "/schemas/handoff-contract.schema.json";

    private ContractSchema() {
    }

    /** The values an {@code enum} of the schema allows, by JSON pointer ({@code /$defs/case/properties/priority}). */
    public static java.util.List<String> enumAt(String pointer) {
        tools.jackson.databind.JsonNode node = tools.jackson.databind.json.JsonMapper.builder().build().readTree(bytes())
                .at(pointer + "/enum");
        if (!node.isArray()) {
            throw new IllegalStateException("the contract schema has no enum at " + pointer);
        }
        java.util.List<String> values = new java.util.ArrayList<>();
        node.forEach(value -> values.add(value.asString()));
        return java.util.List.copyOf(values);
    }

    public static byte[] bytes() {
        try (InputStream in = ContractSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("contract schema missing from the classpath: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
