package io.handoff.audit;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Replaces configured fields (JSON pointers) of a document by {@value #MASK}, and says which were present. */
public final class Masking {
    public static final String MASK = "[masked]";
    private final List<String> pointers;

    public Masking(List<String> pointers) {
        for (String pointer : pointers) {
            if (!pointer.startsWith("/") || pointer.length() < 2) {
                throw new IllegalArgumentException("mask pointer must be a JSON pointer like /case/customer/email: " + pointer);
            }
        }
        this.pointers = List.copyOf(pointers);
    }

    public record Masked(JsonNode document, List<String> maskedPointers) {
    }

    public Masked apply(JsonNode document) {
        JsonNode copy = document.deepCopy();
        List<String> masked = new ArrayList<>();
        for (String pointer : pointers) {
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = slash == 0 ? copy : copy.at(pointer.substring(0, slash));
            String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            if (parent instanceof ObjectNode object && object.has(last) && !object.get(last).isNull()) {
                object.put(last, MASK);
                masked.add(pointer);
            } else if (parent instanceof ArrayNode array && last.matches("\\d+") && Integer.parseInt(last) < array.size()) {
                array.set(Integer.parseInt(last), array.stringNode(MASK));
                masked.add(pointer);
            }
        }
        return new Masked(copy, masked);
    }
}
