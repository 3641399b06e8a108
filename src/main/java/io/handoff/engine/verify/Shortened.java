package io.handoff.engine.verify;

/**
 * Text cut for a message: at most {@code max} characters, never half of a surrogate pair. A message quoting analyst
 * text (an emoji at the cut) would otherwise end in half a pair, which has no UTF-8 form: the candidate check's
 * report could not be written and the check crashed instead of naming the refusal.
 */
public final class Shortened {
    private Shortened() {
    }

    /** The text itself when it has at most {@code max} characters, else its first {@code max} (or {@code max - 1}) plus {@code tail}. */
    public static String to(String text, int max, String tail) {
        if (text.length() <= max) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, cut) + tail;
    }
}
