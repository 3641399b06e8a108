package io.handoff.engine.verify;

/**
 * Character-level rules that keep every reader of a rule text reading the same text. javac (ECJ) decodes unicode
 * escapes everywhere, even in comments; Drools' consequence rewrite drops a backslash outside quotes and the
 * character after it; MVEL does neither. So: no unicode escapes anywhere, no backslash outside quoted text, no
 * control characters, and, inside constraints and accumulate arguments, no comments. Then the verifier's parsers,
 * Drools' rewrite, MVEL and ECJ all see the same tokens.
 */
final class Lexical {
    private Lexical() {
    }

    /** Null when the text is fine; otherwise what is wrong, in plain words. */
    static String check(String text, boolean commentsAllowed) {
        String anywhere = anywhere(text);
        if (anywhere != null) {
            return anywhere;
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c == '"' || c == '\'') {
                i = StringLiterals.endOf(text, i, c);
            } else if (c == '/' && (next == '/' || next == '*')) {
                if (!commentsAllowed) {
                    return "comments are not allowed inside a condition or an accumulate argument";
                }
                int end = next == '/' ? text.indexOf('\n', i) : text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + (next == '/' ? 1 : 2);
                if (text.substring(i, end).indexOf('\\') >= 0) {
                    return "a backslash in a comment is not allowed";
                }
                i = end;
            } else if (c == '\\') {
                return "a backslash outside text in quotes is not allowed";
            } else {
                i++;
            }
        }
        return null;
    }

    /** The rules that hold in every part of a rule file, comments and quoted text included. */
    static String anywhere(String text) {
        int at = firstProblem(text);
        if (at < 0) {
            return null;
        }
        char c = text.charAt(at);
        return c == '\\' ? "unicode escapes (a backslash followed by u) are not allowed: write the character itself"
                : "control characters are not allowed (found U+" + String.format("%04X", (int) c) + ")";
    }

    /** The 1-based line of the first character {@link #anywhere} objects to, or 0. */
    static int lineOfFirstProblem(String text) {
        int at = firstProblem(text);
        return at < 0 ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static int firstProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u'
                    || Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
        }
        return -1;
    }
}
