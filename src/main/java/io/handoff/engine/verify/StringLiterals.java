package io.handoff.engine.verify;

/**
 * DRL constraints are MVEL, where {@code 'enterprise'} is a string as much as {@code "enterprise"}; the DRLX parser
 * reads only double quotes. This rewrites single-quoted literals into double-quoted ones, character by character,
 * leaving double-quoted literals alone, so that the parser sees the same strings the compiler will.
 */
final class StringLiterals {
    private StringLiterals() {
    }

    static String doubleQuoted(String expression) {
        StringBuilder out = new StringBuilder(expression.length() + 8);
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '"') {
                int end = endOf(expression, i, '"');
                out.append(expression, i, end);
                i = end;
            } else if (c == '\'') {
                int end = endOf(expression, i, '\'');
                String body = expression.substring(i + 1, Math.max(i + 1, end - 1));
                out.append('"').append(body.replace("\\'", "'").replace("\"", "\\\"")).append('"');
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index just after the literal opened at {@code start}; the end of the text when it is not closed. */
    static int endOf(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }
}
