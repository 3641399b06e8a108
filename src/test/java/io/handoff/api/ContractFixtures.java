package io.handoff.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads test fixtures: sample contracts and the invalid-contract catalogue (edits applied by JSON pointer). */
final class ContractFixtures {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private ContractFixtures() {
    }

    static byte[] resource(String path) {
        try (InputStream in = ContractFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] contract(String name) {
        return resource("/contracts/" + name);
    }

    /** A sample contract as a document to edit, under its own contract id. */
    static ObjectNode contract(String name, String contractId) {
        ObjectNode contract = (ObjectNode) JSON.readTree(contract(name));
        contract.put("contractId", contractId);
        return contract;
    }

    static List<JsonNode> invalidContracts() {
        JsonNode list = YAML.readTree(resource("/api/invalid-contracts.yaml"));
        return list.valueStream().toList();
    }

    /** The request body a catalogue entry describes. */
    static byte[] body(JsonNode entry) {
        if (entry.has("raw")) {
            return entry.get("raw").asString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        ObjectNode doc = (ObjectNode) JSON.readTree(contract(entry.get("base").asString()));
        entry.path("remove").valueStream().forEach(p -> remove(doc, p.asString()));
        for (Map.Entry<String, JsonNode> set : entry.path("set").properties()) {
            put(doc, set.getKey(), set.getValue());
        }
        if (entry.has("repeat")) {
            JsonNode repeat = entry.get("repeat");
            put(doc, repeat.get("pointer").asString(), JsonNodeFactory.instance.stringNode("x".repeat(repeat.get("times").asInt())));
        }
        if (entry.has("repeatArray")) {
            JsonNode repeat = entry.get("repeatArray");
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < repeat.get("times").asInt(); i++) {
                array.add("criterion " + i);
            }
            put(doc, repeat.get("pointer").asString(), array);
        }
        return JSON.writeValueAsBytes(doc);
    }

    private static void remove(ObjectNode doc, String pointer) {
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) doc.at(pointer.substring(0, slash))).remove(pointer.substring(slash + 1));
    }

    private static void put(ObjectNode doc, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? doc : doc.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }
}
