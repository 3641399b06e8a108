package io.handoff.contract;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Finds text a JSON document can spell but Unicode cannot hold: a {@code \ud800}-{@code \udfff} escape without its pair.
 * Such a string has no UTF-8 form, so the evidence kept for it would not be the text received (each writer replaces it
 * differently, and an exported record would no longer hash to what was recorded). Field names are checked as well.
 */
final class UnpairedSurrogates {
    private UnpairedSurrogates() {
    }

    /** The JSON pointer of the first string or field name holding an unpaired surrogate, or null when there is none. */
    static String pointer(JsonNode node) {
        return find(node, "");
    }

    private static String find(JsonNode node, String at) {
        if (node.isString()) {
            return unpaired(node.asString()) ? at : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), at + "/" + i);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String path = at + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                String found = unpaired(field.getKey()) ? path : find(field.getValue(), path);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static boolean unpaired(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++; // a pair: one code point
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
