package io.handoff.audit;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces configured fields (JSON pointers) of a document by {@value #MASK}, and says which were present. The
 * document is never changed: the masked one shares every subtree with it except the containers on the path to a
 * masked field, which are copied one level deep (a decision's contract is masked on every request; copying the whole
 * tree cost more than the masking).
 */
public final class Masking {
    public static final String MASK = "[masked]";
    private final List<List<String>> pointers;
    private final List<String> texts;

    public Masking(List<String> pointers) {
        List<List<String>> parsed = new ArrayList<>();
        for (String pointer : pointers) {
            if (!pointer.startsWith("/") || pointer.length() < 2) {
                throw new IllegalArgumentException("mask pointer must be a JSON pointer like /case/customer/email: " + pointer);
            }
            List<String> tokens = new ArrayList<>();
            for (String token : pointer.substring(1).split("/", -1)) {
                tokens.add(token.replace("~1", "/").replace("~0", "~"));
            }
            parsed.add(List.copyOf(tokens));
        }
        this.pointers = List.copyOf(parsed);
        this.texts = List.copyOf(pointers);
    }

    public record Masked(JsonNode document, List<String> maskedPointers) {
    }

    public Masked apply(JsonNode document) {
        JsonNode masked = document;
        List<String> applied = new ArrayList<>();
        for (int i = 0; i < pointers.size(); i++) {
            JsonNode next = mask(masked, document, pointers.get(i), 0);
            if (next != null) {
                masked = next;
                applied.add(texts.get(i));
            }
        }
        return new Masked(masked, applied);
    }

    /**
     * {@code node} with the field at {@code tokens[depth..]} masked, or null when there is no such field (or it is
     * null). {@code original} is the same position in the caller's document: a container that is still the original
     * is copied before it is changed, one already copied for an earlier pointer is changed in place.
     */
    private static JsonNode mask(JsonNode node, JsonNode original, List<String> tokens, int depth) {
        String token = tokens.get(depth);
        boolean last = depth == tokens.size() - 1;
        if (node instanceof ObjectNode object) {
            JsonNode child = object.get(token);
            if (child == null || (last && child.isNull())) {
                return null;
            }
            JsonNode replacement = last ? object.stringNode(MASK)
                    : mask(child, original == null ? null : original.get(token), tokens, depth + 1);
            if (replacement == null) {
                return null;
            }
            ObjectNode copy = node == original ? object.objectNode().setAll(object) : object;
            copy.set(token, replacement);
            return copy;
        }
        if (node instanceof ArrayNode array && token.matches("\\d+") && Integer.parseInt(token) < array.size()) {
            int index = Integer.parseInt(token);
            JsonNode replacement = last ? array.stringNode(MASK)
                    : mask(array.get(index), original == null ? null : original.get(index), tokens, depth + 1);
            if (replacement == null) {
                return null;
            }
            ArrayNode copy = node == original ? shallow(array) : array;
            copy.set(index, replacement);
            return copy;
        }
        return null;
    }

    private static ArrayNode shallow(ArrayNode array) {
        ArrayNode copy = array.arrayNode(array.size());
        array.forEach(copy::add);
        return copy;
    }
}
