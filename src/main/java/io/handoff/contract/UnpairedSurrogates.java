package io.handoff.contract;

import io.handoff.text.Surrogates;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds text a JSON document can spell but Unicode cannot hold: a {@code \ud800}-{@code \udfff} escape without its pair.
 * Such a string has no UTF-8 form, so the evidence kept for it would not be the text received (each writer replaces it
 * differently, and an exported record would no longer hash to what was recorded). Field names are checked as well.
 * The HTTP edge refuses every JSON body holding one ({@code api.RequestEdge}); the contract reader checks again for
 * contracts that do not come over HTTP (the command line, the cases).
 */
public final class UnpairedSurrogates {
    private UnpairedSurrogates() {
    }

    /**
     * The byte offset of the first {@code \\u} escape in JSON text that spells half a surrogate pair, or -1. A cheap scan
     * for the edge: a backslash is only valid JSON inside a string, where {@code \\\\} escapes a backslash; a body
     * that is not JSON is left to its parser to refuse.
     */
    public static int firstEscape(byte[] json) {
        for (int i = 0; i < json.length - 1; i++) {
            if (json[i] != '\\') {
                continue;
            }
            if (json[i + 1] != 'u') {
                i++; // an escaped character, perhaps a backslash: never the start of another escape
                continue;
            }
            int unit = hex4(json, i + 2);
            if (unit < 0) {
                continue;
            }
            if (Character.isLowSurrogate((char) unit)) {
                return i;
            }
            if (Character.isHighSurrogate((char) unit)) {
                int next = i + 6 < json.length - 1 && json[i + 6] == '\\' && json[i + 7] == 'u' ? hex4(json, i + 8) : -1;
                if (next < 0 || !Character.isLowSurrogate((char) next)) {
                    return i;
                }
                i += 6; // the pair's second escape
            }
            i += 5;
        }
        return -1;
    }

    private static int hex4(byte[] json, int at) {
        if (at + 4 > json.length) {
            return -1;
        }
        int value = 0;
        for (int k = at; k < at + 4; k++) {
            int digit = Character.digit(json[k], 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** Where a JSON text spells half a surrogate pair: the JSON pointer of the string or field name, its line and column. */
    public record Found(String pointer, int line, int column) {
        /** The refusal, in the same words wherever a JSON text is refused for it (the request edge, the contract reader). */
        public String problem() {
            return "the text at " + (pointer.isEmpty() ? "the top level" : pointer) + " (line " + line + ", column " + column
                    + ") holds an unpaired UTF-16 surrogate escape (\\ud800-\\udfff without its pair), which is not Unicode"
                    + " text: send the character itself or its full surrogate pair";
        }
    }

    /**
     * The first string or field name of a JSON text that holds an unpaired surrogate, as the parser meets it (a field
     * given twice is reported where it holds one), or null when there is none or the text is not JSON (its reader
     * refuses it then). The text is parsed only when {@link #firstEscape} finds a candidate escape in its bytes.
     */
    public static Found locate(JsonMapper mapper, byte[] json) {
        if (firstEscape(json) < 0) {
            return null;
        }
        try (JsonParser parser = mapper.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String text = token == JsonToken.PROPERTY_NAME ? parser.currentName()
                        : token == JsonToken.VALUE_STRING ? parser.getString() : null;
                if (text != null && Surrogates.unpaired(text)) {
                    TokenStreamLocation at = parser.currentTokenLocation();
                    return new Found(parser.streamReadContext().pathAsPointer().toString(), at.getLineNr(), at.getColumnNr());
                }
            }
            return null;
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
